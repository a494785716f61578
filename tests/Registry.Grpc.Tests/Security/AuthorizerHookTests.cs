using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Grpc.Server;
using Registry.Grpc.Server.Security;
using Registry.Grpc.Tests.Echo;
using Registry.Testing;
using Registry.Grpc.Tests.Server;
using Registry.Interop.V1;

namespace Registry.Grpc.Tests.Security;

/// <summary>
/// The server puts every call to its ICallAuthorizer before reading the request or resolving the handler:
/// a refusal ends the call trailers-only with the authorizer's status and is logged for audit; an allowed
/// call's handler sees the principal.
/// </summary>
public sealed class AuthorizerHookTests : IAsyncLifetime, IDisposable
{
    private const string Unary = "/registry.interop.v1.Echo/Unary";
    private readonly LogCapture _logs = new();
    private WebApplication _app = null!;
    private RawGrpc _raw = null!;

    public async Task InitializeAsync()
    {
        _app = EchoServerFixture.Build(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2),
            grpc: server => server.AddAuthorizer<HeaderAuthorizer>(),
            logging: logging => logging.AddProvider(_logs));
        await _app.StartAsync();
        _raw = new RawGrpc(TestServers.AddressOf(_app));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose()
    {
        _raw.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task A_call_without_a_user_is_unauthenticated_before_the_handler_runs()
    {
        var tag = Guid.NewGuid().ToString();

        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest { Text = "hi", Tag = tag }));

        Assert.Equal(StatusCode.Unauthenticated, reply.Status);
        Assert.True(reply.IsTrailersOnly, reply.ToString());
        Assert.False((await ObserveAsync(tag)).Seen, "the handler ran for a refused call");
    }

    [Fact]
    public async Task A_refused_user_is_permission_denied_and_the_refusal_is_logged_with_principal_method_reason_and_peer()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest { Text = "hi" }),
            configure: r => r.Headers.Add("x-test-user", "mallory"));

        Assert.Equal(StatusCode.PermissionDenied, reply.Status);
        var entry = Assert.Single(_logs.Entries, e => e.Category == "Registry.Grpc.Audit");
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("mallory", entry.Values["Principal"]);
        Assert.Equal(Unary, entry.Values["Method"]);
        Assert.Equal("PermissionDenied", entry.Values["Status"]);
        Assert.Equal("mallory may not", entry.Values["Reason"]);
        Assert.StartsWith("ipv4:127.0.0.1:", entry.Values["Peer"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_call_reaches_its_handler_with_the_principal()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        builder.Services.AddGrpcServer().AddAuthorizer<HeaderAuthorizer>().AddService<WhoAmI>(EchoServerFixture.EchoDescriptor);
        await using var app = builder.Build();
        app.UseGrpc();
        await app.StartAsync();
        using var raw = new RawGrpc(TestServers.AddressOf(app));

        var reply = await raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest()), configure: r => r.Headers.Add("x-test-user", "alice"));

        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.Equal("alice/header", EchoReply.Parser.ParseFrom(reply.Body.AsSpan(5)).Text);
    }

    [Fact]
    public async Task An_authorizer_that_throws_denies_the_call()
    {
        var reply = await _raw.SendAsync(Unary, RawGrpc.Frame(new EchoRequest { Text = "hi" }),
            configure: r => r.Headers.Add("x-test-user", "throw"));

        Assert.Equal(StatusCode.Unauthenticated, reply.Status);
        Assert.Equal("The call could not be authorized.", reply.Message);
    }

    private async Task<Observation> ObserveAsync(string tag)
    {
        var reply = await _raw.SendAsync("/registry.interop.v1.Echo/Observe", RawGrpc.Frame(new ObserveRequest { Tag = tag, WaitMs = 0 }),
            configure: r => r.Headers.Add("x-test-user", "alice"));
        return Observation.Parser.ParseFrom(reply.Body.AsSpan(5));
    }

    /// <summary>x-test-user names the caller; "mallory" may not, "throw" breaks the authorizer, nobody is unauthenticated.</summary>
    private sealed class HeaderAuthorizer : ICallAuthorizer
    {
        public ValueTask<CallDecision> AuthorizeAsync(CallAuthorizationContext context)
        {
            var user = context.Headers["x-test-user"].ToString();
            var principal = new CallPrincipal(user, new HashSet<string>(), "header");
            return ValueTask.FromResult(user switch
            {
                "" => CallDecision.Unauthenticated("who are you?", "no x-test-user"),
                "mallory" => CallDecision.PermissionDenied(principal, "mallory may not"),
                "throw" => throw new InvalidOperationException("broken authorizer"),
                _ => CallDecision.Allow(principal),
            });
        }
    }

    /// <summary>Implements the Echo contract's Unary by answering who called.</summary>
    private sealed class WhoAmI
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Handlers are bound as instance methods.")]
        public Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
            Task.FromResult(new EchoReply { Text = $"{context.Principal?.Name}/{context.Principal?.Scheme}" });
    }
}
