using Registry.Domain.Decisions;
using Registry.EventStore;

namespace Registry.Server.Programs.Commands;

internal abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    /// <summary>Appended now, or (Repeated) by an earlier sending of the same command.</summary>
    public sealed record Done(string ProgramId, long Version, Position Position, IReadOnlyList<Guid> EventIds, bool Repeated) : CommandOutcome;

    public sealed record Rejected(RejectionKind Kind, string Reason) : CommandOutcome;

    /// <summary>
    /// The programme is not at the version the caller expected (Expected), or other writers kept getting there
    /// first (Expected null). Current is null when the programme does not exist.
    /// </summary>
    public sealed record VersionConflict(long? Expected, long? Current) : CommandOutcome;
}
