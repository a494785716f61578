using Google.Protobuf.Reflection;
using Registry.Grpc.Client;
using Registry.V1;

namespace Registry.Server.Tests.Programs;

/// <summary>The registry.v1 methods, taken from the generated descriptors, for our own gRPC client.</summary>
internal static class Api
{
    private static readonly ServiceDescriptor Commands = ProgramCommandsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramCommands");
    private static readonly ServiceDescriptor Queries = ProgramQueriesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramQueries");
    private static readonly ServiceDescriptor AdminService = AdminReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Admin");

    public static readonly Method<AnnounceProgramRequest, CommandResult> Announce = new(Commands.FindMethodByName("AnnounceProgram"));
    public static readonly Method<ReportClaimRequest, CommandResult> Report = new(Commands.FindMethodByName("ReportClaim"));
    public static readonly Method<StartProductionRequest, CommandResult> StartProduction = new(Commands.FindMethodByName("StartProduction"));
    public static readonly Method<DenyReportRequest, CommandResult> Deny = new(Commands.FindMethodByName("DenyReport"));
    public static readonly Method<RankClaimRequest, CommandResult> Rank = new(Commands.FindMethodByName("RankClaim"));
    public static readonly Method<RetractClaimRequest, CommandResult> Retract = new(Commands.FindMethodByName("RetractClaim"));
    public static readonly Method<SupersedeClaimRequest, CommandResult> Supersede = new(Commands.FindMethodByName("SupersedeClaim"));

    public static readonly Method<GetProgramRequest, Registry.V1.Program> GetProgram = new(Queries.FindMethodByName("GetProgram"));
    public static readonly Method<ListProgramsRequest, ListProgramsResponse> List = new(Queries.FindMethodByName("ListPrograms"));
    public static readonly Method<GetProgramHistoryRequest, HistoryEntry> History = new(Queries.FindMethodByName("GetProgramHistory"));
    public static readonly Method<GetProgramAsOfRequest, Registry.V1.Program> AsOf = new(Queries.FindMethodByName("GetProgramAsOf"));
    public static readonly Method<WatchProgramsRequest, ProgramUpdate> Watch = new(Queries.FindMethodByName("WatchPrograms"));

    public static readonly Method<GetStatusRequest, GetStatusResponse> GetStatus = new(AdminService.FindMethodByName("GetStatus"));
}
