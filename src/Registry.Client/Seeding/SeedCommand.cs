using Google.Protobuf;

namespace Registry.Client.Seeding;

/// <summary>One command the seed file turns into: an AnnounceProgram, ReportClaim or DenyReport request.</summary>
public sealed record SeedCommand(string ProgramId, string ClaimId, IMessage Request);

/// <summary>A claim that could not be turned into a command, and why.</summary>
public sealed record SeedProblem(string ProgramId, string ClaimId, string Reason)
{
    public override string ToString() => $"{ProgramId}/{ClaimId}: {Reason}";
}
