using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Client;
using Registry.Client.Credentials;
using Grpc.Core;
using Registry.Testing;
using Registry.Server.Auth;
using Registry.V1;

namespace Registry.Server.Tests.Auth;

/// <summary>Every refused call leaves one structured warning: principal (or anonymous), method, status, reason, peer; never the credential.</summary>
public sealed class DeniedCallsAuditTests : IAsyncLifetime, IDisposable
{
    private readonly LogCapture _logs = new();
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync(services => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Refusals_are_logged_with_who_what_why_and_from_where_but_no_secret()
    {
        var wrongKey = new Credential.ApiKey("rk_not-a-key-of-this-registry");
        var reader = TestCredentials.ForRole(Roles.Reader);
        var token = TestCredentials.Token("svc", [Roles.Reader], expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddHours(-1));

        await RefusedAsync(_registry.ClientFor(wrongKey).Queries.GetProgramAsync(new GetProgramRequest { ProgramId = "kz-tulpar" }, Timeout()).ResponseAsync);
        await RefusedAsync(_registry.ClientFor(reader).Admin.RebuildProjectionAsync(new RebuildProjectionRequest { Name = "programs" }, Timeout()).ResponseAsync);
        await RefusedAsync(_registry.ClientFor(token).Queries.ListProgramsAsync(new ListProgramsRequest(), Timeout()).ResponseAsync);

        var audit = _logs.Entries.Where(e => e.Category == RefusalAudit.Category).ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(audit, e => Assert.StartsWith("ipv4:127.0.0.1:", e.Values["Peer"], StringComparison.Ordinal));
        Assert.Equal(["anonymous", TestCredentials.PrincipalOf(Roles.Reader), "anonymous"], audit.Select(e => e.Values["Principal"]));
        Assert.Equal(["/registry.v1.ProgramQueries/GetProgram", "/registry.v1.Admin/RebuildProjection", "/registry.v1.ProgramQueries/ListPrograms"],
            audit.Select(e => e.Values["Method"]));
        Assert.Equal(["Unauthenticated", "PermissionDenied", "Unauthenticated"], audit.Select(e => e.Values["Status"]));
        Assert.Contains("API key is not valid", audit[0].Values["Reason"], StringComparison.Ordinal);
        Assert.Contains("needs the admin role", audit[1].Values["Reason"], StringComparison.Ordinal);
        Assert.Contains("expired", audit[2].Values["Reason"], StringComparison.Ordinal);
        var everything = string.Join("\n", _logs.Entries.Select(e => e.Message + string.Join(" ", e.Values.Values)));
        Assert.DoesNotContain(wrongKey.Key, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(reader.Key, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Token, everything, StringComparison.Ordinal);
    }

    private static CallOptions Timeout() => Calls.WithTimeout(TimeSpan.FromSeconds(30));

    private static async Task RefusedAsync<T>(Task<T> call)
    {
        var failure = await Programs.RegistryFixture.FailsAsync(call);
        Assert.Contains(failure.StatusCode, new[] { StatusCode.Unauthenticated, StatusCode.PermissionDenied });
    }
}
