namespace Registry.Contracts;

/// <summary>An attribute's best-ranked value and, when sources disagree, every competing value.</summary>
public sealed record AttributeSnapshot(string Attribute, ValueSnapshot Best, bool Conflict, IReadOnlyList<ValueSnapshot> Competing);
