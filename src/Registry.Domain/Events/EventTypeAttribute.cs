namespace Registry.Domain.Events;

/// <summary>The name and version an event is stored under, e.g. ProgramAnnounced.v1: never the CLR name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;
    public int Version { get; } = version;
    public string StoredName => $"{Name}.v{Version}";
}
