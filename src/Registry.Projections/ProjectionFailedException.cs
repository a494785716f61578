using Registry.EventStore;

namespace Registry.Projections;

/// <summary>A projection's handler failed on an event; says which.</summary>
public sealed class ProjectionFailedException(string projection, RecordedEvent recorded, Exception inner)
    : Exception($"Projection {projection} failed on {recorded.Type} at position {recorded.Position} (stream {recorded.Stream}, revision {recorded.Revision}): {inner.Message}", inner)
{
    public Position Position { get; } = recorded.Position;
}
