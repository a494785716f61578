using Google.Protobuf.Reflection;
using Registry.Grpc.Client;
using Registry.V1;

namespace Registry.Client;

/// <summary>Every RPC of the registry's API, built once from the generated descriptors so paths and types cannot drift from the .proto files.</summary>
public static class RegistryMethods
{
    private static readonly ServiceDescriptor Commands = ProgramCommandsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramCommands");
    private static readonly ServiceDescriptor Queries = ProgramQueriesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProgramQueries");
    private static readonly ServiceDescriptor AdminService = AdminReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Admin");

    public static readonly Method<AnnounceProgramRequest, CommandResult> AnnounceProgram = new(Commands.FindMethodByName("AnnounceProgram"));
    public static readonly Method<ReportClaimRequest, CommandResult> ReportClaim = new(Commands.FindMethodByName("ReportClaim"));
    public static readonly Method<StartProductionRequest, CommandResult> StartProduction = new(Commands.FindMethodByName("StartProduction"));
    public static readonly Method<DenyReportRequest, CommandResult> DenyReport = new(Commands.FindMethodByName("DenyReport"));
    public static readonly Method<RankClaimRequest, CommandResult> RankClaim = new(Commands.FindMethodByName("RankClaim"));
    public static readonly Method<RetractClaimRequest, CommandResult> RetractClaim = new(Commands.FindMethodByName("RetractClaim"));
    public static readonly Method<SupersedeClaimRequest, CommandResult> SupersedeClaim = new(Commands.FindMethodByName("SupersedeClaim"));

    public static readonly Method<GetProgramRequest, V1.Program> GetProgram = new(Queries.FindMethodByName("GetProgram"));
    public static readonly Method<ListProgramsRequest, ListProgramsResponse> ListPrograms = new(Queries.FindMethodByName("ListPrograms"));
    public static readonly Method<GetProgramHistoryRequest, HistoryEntry> GetProgramHistory = new(Queries.FindMethodByName("GetProgramHistory"));
    public static readonly Method<GetProgramAsOfRequest, V1.Program> GetProgramAsOf = new(Queries.FindMethodByName("GetProgramAsOf"));
    public static readonly Method<WatchProgramsRequest, ProgramUpdate> WatchPrograms = new(Queries.FindMethodByName("WatchPrograms"));

    public static readonly Method<GetStatusRequest, GetStatusResponse> GetStatus = new(AdminService.FindMethodByName("GetStatus"));
    public static readonly Method<RebuildProjectionRequest, RebuildProjectionResponse> RebuildProjection = new(AdminService.FindMethodByName("RebuildProjection"));
}
