using Grpc.Core;
using Registry.Testing;
using Registry.Server.Auth;
using Registry.Server.Tests.Programs;

namespace Registry.Server.Tests.Auth;

/// <summary>
/// Every role against every registry.v1 RPC. A role that may call a method gets exactly what the all-roles
/// principal gets (OK or the handler's own answer, e.g. INVALID_ARGUMENT for an empty request); one that
/// may not gets PERMISSION_DENIED. The expectations are written out here, not read from MethodRoles.
/// </summary>
public sealed class RoleMatrixTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private static readonly string[] Readers = [Roles.Reader, Roles.Auditor, Roles.Editor, Roles.Operator];
    private static readonly string[] Editors = [Roles.Editor, Roles.Operator];

    private static readonly Dictionary<string, string[]> AllowedRoles = new()
    {
        ["/registry.v1.ProgramQueries/GetProgram"] = Readers,
        ["/registry.v1.ProgramQueries/ListPrograms"] = Readers,
        ["/registry.v1.ProgramQueries/WatchPrograms"] = Readers,
        ["/registry.v1.ProgramQueries/GetProgramHistory"] = [Roles.Auditor],
        ["/registry.v1.ProgramQueries/GetProgramAsOf"] = [Roles.Auditor],
        ["/registry.v1.ProgramQueries/GetProgramTimeline"] = Readers,
        ["/registry.v1.ProgramCommands/AnnounceProgram"] = Editors,
        ["/registry.v1.ProgramCommands/ReportClaim"] = Editors,
        ["/registry.v1.ProgramCommands/StartProduction"] = Editors,
        ["/registry.v1.ProgramCommands/DenyReport"] = Editors,
        ["/registry.v1.ProgramCommands/RankClaim"] = [Roles.Operator],
        ["/registry.v1.ProgramCommands/RetractClaim"] = [Roles.Operator],
        ["/registry.v1.ProgramCommands/SupersedeClaim"] = [Roles.Operator],
        ["/registry.v1.Admin/GetStatus"] = [Roles.Admin],
        ["/registry.v1.Admin/RebuildProjection"] = [Roles.Admin],
        ["/registry.v1.Admin/RestartFollower"] = [Roles.Admin],
        ["/registry.v1.Audit/GetTreeHead"] = [Roles.Auditor, Roles.Admin],
        ["/registry.v1.Audit/GetInclusionProof"] = [Roles.Auditor, Roles.Admin],
        ["/registry.v1.Audit/GetConsistencyProof"] = [Roles.Auditor, Roles.Admin],
        ["/registry.v1.Audit/ExportLog"] = [Roles.Auditor, Roles.Admin],
        ["/registry.v1.Audit/ReplayCheck"] = [Roles.Auditor, Roles.Admin],
        ["/registry.v1.Audit/VerifyLog"] = [Roles.Admin],
    };

    private readonly RawGrpc _raw = new(registry.Address);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in AllowedRoles.Keys)
        {
            foreach (var role in Roles.All)
                data.Add(role, path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_role_gets_the_handlers_answer_or_permission_denied(string role, string path)
    {
        var asEveryRole = await RegistryRpcs.CallEmptyAsync(_raw, path, TestCredentials.Default);
        var asRole = await RegistryRpcs.CallEmptyAsync(_raw, path, TestCredentials.ForRole(role));

        Assert.NotNull(asEveryRole.Status);
        Assert.DoesNotContain(asEveryRole.Status, new StatusCode?[] { StatusCode.PermissionDenied, StatusCode.Unauthenticated });
        if (AllowedRoles[path].Contains(role))
        {
            Assert.Equal(asEveryRole.Status, asRole.Status);
        }
        else
        {
            // Refused by ASP.NET Core's authorization before any handler ran: HTTP 403, no message.
            Assert.Equal(StatusCode.PermissionDenied, asRole.Status);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, asRole.HttpStatus);
            Assert.Empty(asRole.Body);
        }
    }

    [Fact]
    public void The_matrix_covers_every_registry_v1_rpc_the_server_hosts()
    {
        var hosted = RegistryRpcs.HostedPaths(registry.Registry.Services).Where(p => p.StartsWith("/registry.v1.", StringComparison.Ordinal));

        Assert.Equal(hosted.Order(), AllowedRoles.Keys.Order());
    }

    [Fact]
    public async Task Without_a_credential_every_registry_rpc_is_unauthenticated()
    {
        foreach (var path in AllowedRoles.Keys)
        {
            var reply = await RegistryRpcs.CallEmptyAsync(_raw, path, credential: null);
            Assert.True(reply.Status == StatusCode.Unauthenticated, $"{path}: {reply}");
        }
    }

    public void Dispose() => _raw.Dispose();
}
