using System.Collections.Frozen;

namespace Registry.Server.Auth;

/// <summary>
/// Who may call what: every RPC the server hosts, by path. A method missing here is refused to everyone
/// (fail closed); a test checks that every RPC of every hosted service is listed.
/// </summary>
public static class MethodRoles
{
    private const string Queries = "/registry.v1.ProgramQueries/";
    private const string Commands = "/registry.v1.ProgramCommands/";
    private const string Admin = "/registry.v1.Admin/";
    private const string Audit = "/registry.v1.Audit/";
    private static readonly MethodAccess AuditorOrAdmin = new MethodAccess.AnyRole(Roles.Auditor, Roles.Admin);

    public static FrozenDictionary<string, MethodAccess> Table { get; } = new Dictionary<string, MethodAccess>(StringComparer.Ordinal)
    {
        [Queries + "GetProgram"] = new MethodAccess.Role(Roles.Reader),
        [Queries + "ListPrograms"] = new MethodAccess.Role(Roles.Reader),
        [Queries + "WatchPrograms"] = new MethodAccess.Role(Roles.Reader),
        [Queries + "GetProgramHistory"] = new MethodAccess.Role(Roles.Auditor),
        [Queries + "GetProgramAsOf"] = new MethodAccess.Role(Roles.Auditor),
        // Valid time of one programme: what its claims say happened when, by whom (no more than GetProgram shows).
        [Queries + "GetProgramTimeline"] = new MethodAccess.Role(Roles.Reader),

        [Commands + "AnnounceProgram"] = new MethodAccess.Role(Roles.Editor),
        [Commands + "ReportClaim"] = new MethodAccess.Role(Roles.Editor),
        [Commands + "StartProduction"] = new MethodAccess.Role(Roles.Editor),
        [Commands + "DenyReport"] = new MethodAccess.Role(Roles.Editor),
        [Commands + "RankClaim"] = new MethodAccess.Role(Roles.Operator),
        [Commands + "RetractClaim"] = new MethodAccess.Role(Roles.Operator),
        [Commands + "SupersedeClaim"] = new MethodAccess.Role(Roles.Operator),

        [Admin + "GetStatus"] = new MethodAccess.Role(Roles.Admin),
        [Admin + "RebuildProjection"] = new MethodAccess.Role(Roles.Admin),
        [Admin + "RestartFollower"] = new MethodAccess.Role(Roles.Admin),

        [Audit + "GetTreeHead"] = AuditorOrAdmin,
        [Audit + "GetInclusionProof"] = AuditorOrAdmin,
        [Audit + "GetConsistencyProof"] = AuditorOrAdmin,
        [Audit + "ExportLog"] = AuditorOrAdmin,
        [Audit + "ReplayCheck"] = AuditorOrAdmin,
        [Audit + "VerifyLog"] = new MethodAccess.Role(Roles.Admin),

        ["/grpc.health.v1.Health/Check"] = MethodAccess.Open,
        ["/grpc.health.v1.Health/Watch"] = MethodAccess.Open,
        // Reflection describes the API (public in the .proto files anyway), but only to a known caller.
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = MethodAccess.Authenticated,
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = MethodAccess.Authenticated,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
