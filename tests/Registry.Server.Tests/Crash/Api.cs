using Google.Protobuf.Reflection;
using Registry.Grpc.Client;
using Registry.V1;

namespace Registry.Server.Tests.Crash;

/// <summary>The registry's methods as our client calls them, taken from the generated descriptors.</summary>
internal static class Api
{
    public static readonly Method<AnnounceProgramRequest, CommandResult> AnnounceProgram = Commands<AnnounceProgramRequest>("AnnounceProgram");
    public static readonly Method<ReportClaimRequest, CommandResult> ReportClaim = Commands<ReportClaimRequest>("ReportClaim");

    public static readonly Method<GetProgramRequest, Registry.V1.Program> GetProgram =
        new(ProgramQueriesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramQueries").FindMethodByName("GetProgram"));

    public static readonly Method<GetProgramHistoryRequest, HistoryEntry> GetProgramHistory =
        new(ProgramQueriesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramQueries").FindMethodByName("GetProgramHistory"));

    public static readonly Method<GetStatusRequest, GetStatusResponse> GetStatus =
        new(AdminReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Admin").FindMethodByName("GetStatus"));

    public static readonly Method<RebuildProjectionRequest, RebuildProjectionResponse> RebuildProjection =
        new(AdminReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Admin").FindMethodByName("RebuildProjection"));

    private static Method<TRequest, CommandResult> Commands<TRequest>(string name)
        where TRequest : class, Google.Protobuf.IMessage<TRequest> =>
        new(ProgramCommandsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramCommands").FindMethodByName(name));

    public static AnnounceProgramRequest Announce(string programId) => new()
    {
        CommandId = $"announce-{programId}",
        ProgramId = programId,
        ClaimId = "announced",
        Name = $"Crash test programme {programId}",
        Kind = ProgramKind.LightTank,
        Country = "KZ",
        Certainty = Certainty.Reported,
        ValidTime = new PartialDate { Year = 2025, Precision = DatePrecision.Year },
        Provenance = Source("Defence Daily", 1),
    };

    /// <summary>An attribute claim; a few attributes and outlets, so that programmes carry conflicting values.</summary>
    public static ReportClaimRequest Attribute(string programId, string claimId, string commandId, int n) => new()
    {
        CommandId = commandId,
        ProgramId = programId,
        Attribute = new AttributeClaim
        {
            ClaimId = claimId,
            Attribute = (n % 3) switch { 0 => "planned_quantity", 1 => "turret_calibre", _ => "localisation_rate" },
            Value = new ClaimValue { Quantity = new Quantity { Amount = (100 + n % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), Unit = "pcs" } },
            Certainty = n % 2 == 0 ? Certainty.Reported : Certainty.Planned,
            Provenance = Source(n % 2 == 0 ? "Defence Daily" : "Army Recognition", 1 + n % 6),
        },
    };

    private static Provenance Source(string outlet, int credibility) => new()
    {
        Outlet = outlet,
        Url = "https://example.org/news/1",
        Title = "Programme news",
        Published = new PartialDate { Year = 2025, Month = 3, Precision = DatePrecision.Month },
        Language = "en",
        SourceType = SourceType.News,
        Reliability = "B",
        Credibility = credibility,
        Quote = "The plant will assemble the vehicles from next year.",
    };
}
