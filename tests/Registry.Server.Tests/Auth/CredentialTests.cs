using Microsoft.Extensions.Logging;
using System.Security.Cryptography;
using Registry.Client;
using Registry.Client.Credentials;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Registry.Server.Auth;
using Registry.Testing;
using Registry.V1;
using static Registry.Server.Tests.Programs.RegistryFixture;

namespace Registry.Server.Tests.Auth;

/// <summary>
/// Bearer tokens and API keys that prove nothing get UNAUTHENTICATED, and the audit log names the kind of
/// failure (never the credential itself); valid ones get in.
/// </summary>
public sealed class CredentialTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Reader = [Roles.Reader];
    private readonly LogCapture _logs = new();
    private TestRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync(services => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    public static TheoryData<string, Credential?, string> Refused()
    {
        var now = DateTime.UtcNow;
        var otherKey = RandomNumberGenerator.GetBytes(32);
        return new TheoryData<string, Credential?, string>
        {
            { "expired", TestCredentials.Token("svc", Reader, notBefore: now.AddHours(-2), expires: now.AddMinutes(-5)), "expired" },
            { "not yet valid", TestCredentials.Token("svc", Reader, notBefore: now.AddMinutes(5), expires: now.AddMinutes(30)), "not valid yet" },
            { "signed with another key", TestCredentials.Token("svc", Reader, signingKey: otherKey), "signature" },
            { "for another audience", TestCredentials.Token("svc", Reader, audience: "someone-else"), "audience" },
            { "from another issuer", TestCredentials.Token("svc", Reader, issuer: "evil-issuer"), "issuer" },
            { "alg none", TestCredentials.UnsignedToken("svc"), "bearer token" },
            { "not a JWT", new Credential.Bearer("not-a-token"), "well-formed" },
            { "wrong API key", new Credential.ApiKey("rk_guessed-key"), "API key is not valid" },
            { "revoked API key", TestCredentials.KeyOf(TestCredentials.Revoked), "revoked" },
            { "no credential", null, "no credential" },
        };
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_credential_that_proves_nothing_is_unauthenticated(string why, Credential? credential, string named)
    {
        var failure = await ListFailsAsync(_registry.ClientFor(credential));

        Assert.True(failure.StatusCode == StatusCode.Unauthenticated, $"{why}: {failure.Status}");
        var reason = LastRefusal()["Reason"]!;
        Assert.Contains(named, reason, StringComparison.Ordinal);
        var secret = credential switch { Credential.Bearer b => b.Token, Credential.ApiKey k => k.Key, _ => null };
        if (secret is not null)
            Assert.DoesNotContain(secret, failure.Status.Detail + reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_gets_in_with_its_roles()
    {
        var channel = _registry.ClientFor(TestCredentials.Token("svc-reader", Reader));

        var listed = await channel.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        var status = await FailsAsync(channel.Admin.GetStatusAsync(new GetStatusRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync);

        Assert.NotNull(listed);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Contains("'svc-reader'", LastRefusal()["Reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        var now = DateTime.UtcNow;
        var channel = _registry.ClientFor(TestCredentials.Token("svc", Reader, notBefore: now.AddMinutes(-10), expires: now.AddSeconds(-5)));

        var listed = await channel.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;

        Assert.NotNull(listed);
    }

    [Fact]
    public async Task A_token_without_registry_roles_is_authenticated_but_permission_denied()
    {
        var channel = _registry.ClientFor(TestCredentials.Token("svc", ["some-other-service-role"]));

        var failure = await ListFailsAsync(channel);

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
    }

    [Fact]
    public async Task Two_credentials_at_once_are_unauthenticated()
    {
        var headers = TestCredentials.Default.ToHeaders();
        TestCredentials.Token("svc", Reader).AddTo(headers);
        var client = _registry.ClientFor(null);

        var failure = await FailsAsync(client.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30), headers)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Contains("more than one credential", LastRefusal()["Reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_authorization_is_unauthenticated()
    {
        var basic = new Metadata { { "authorization", "Basic dXNlcjpwYXNz" } };

        var failure = await FailsAsync(_registry.ClientFor(null).Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30), basic)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_credential_and_reflection_needs_one()
    {
        var anonymous = _registry.ClientFor(null);

        var health = await anonymous.Health().CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        using var raw = new RawGrpc(_registry.Address);
        var reflection = await RegistryRpcs.CallEmptyAsync(raw, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", null);
        var reflectionAsReader = await RegistryRpcs.CallEmptyAsync(raw, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", TestCredentials.ForRole(Roles.Reader));

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(StatusCode.Unauthenticated, reflection.Status);
        Assert.Equal(StatusCode.OK, reflectionAsReader.Status);
    }

    private IReadOnlyDictionary<string, string?> LastRefusal() => _logs.Entries.Last(e => e.Category == RefusalAudit.Category).Values;

    private static Task<RpcException> ListFailsAsync(RegistryClient client) =>
        FailsAsync(client.Queries.ListProgramsAsync(new ListProgramsRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync);


}
