namespace Registry.Contracts;

/// <summary>A programme as the registry shows it: identity, status, best value per attribute, organisations.</summary>
public sealed record ProgramSnapshot(
    string Name,
    string Kind,
    string Country,
    string Status,
    IReadOnlyList<AttributeSnapshot> Attributes,
    IReadOnlyList<OrganisationSnapshot> Organisations);
