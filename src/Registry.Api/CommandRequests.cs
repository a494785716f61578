// The command requests share their envelope: the generated classes are partial, so they can say so.
#pragma warning disable IDE0130 // the generated classes live in Registry.V1
namespace Registry.V1;
#pragma warning restore IDE0130

/// <summary>What every command request carries: its idempotency key, its programme, and an optional expected version.</summary>
public interface IProgramCommandRequest
{
    string CommandId { get; }
    string ProgramId { get; }
    long? ExpectedVersion { get; }
}

public sealed partial class AnnounceProgramRequest : IProgramCommandRequest
{
    // A programme is announced once, when it does not exist: there is no version to expect.
    long? IProgramCommandRequest.ExpectedVersion => null;
}

public sealed partial class ReportClaimRequest : IProgramCommandRequest;

public sealed partial class StartProductionRequest : IProgramCommandRequest;

public sealed partial class DenyReportRequest : IProgramCommandRequest;

public sealed partial class RankClaimRequest : IProgramCommandRequest;

public sealed partial class RetractClaimRequest : IProgramCommandRequest;

public sealed partial class SupersedeClaimRequest : IProgramCommandRequest;
