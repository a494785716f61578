using Google.Protobuf;

namespace Registry.Client.Seeding;

/// <summary>One command the seed file turns into: an AnnounceProgram, ReportClaim or DenyReport request.</summary>
public sealed record SeedCommand(string ProgramId, string ClaimId, IMessage Request);

/// <summary>A claim that could not be turned into a command, or whose command failed, and why.</summary>
/// <param name="Retryable">The registry could not take the command for now (UNAVAILABLE): sending it again later may succeed.</param>
public sealed record SeedProblem(string ProgramId, string ClaimId, string Reason, bool Retryable = false)
{
    public override string ToString() => $"{ProgramId}/{ClaimId}: {Reason}";
}
