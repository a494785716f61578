using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Registry.Grpc.Server;
using Registry.Interop.V1;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

/// <summary>Handlers are bound to RPCs by the .proto's descriptors: kinds and types come from there.</summary>
public sealed class ServiceBindingTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Echo =
        EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Echo");

    [Fact]
    public void A_handler_whose_signature_does_not_fit_its_rpc_stops_the_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpcServer().AddService<UnaryWrittenAsStreaming>(Echo);
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseGrpc());

        Assert.Contains("Unary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_rpc_without_a_handler_answers_unimplemented_while_the_others_work()
    {
        await using var app = await StartAsync<OnlyUnary>();
        using var raw = new RawGrpc(TestServers.AddressOf(app));

        var unary = await raw.SendAsync("/registry.interop.v1.Echo/Unary", RawGrpc.Frame(new EchoRequest { Text = "here" }));
        var missing = await raw.SendAsync("/registry.interop.v1.Echo/ServerStream", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.OK, unary.Status);
        Assert.Equal(StatusCode.Unimplemented, missing.Status);
    }

    [Fact]
    public async Task A_handler_that_throws_gives_unknown_without_leaking_its_message()
    {
        await using var app = await StartAsync<Throwing>();
        using var raw = new RawGrpc(TestServers.AddressOf(app));

        var reply = await raw.SendAsync("/registry.interop.v1.Echo/Unary", RawGrpc.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.Unknown, reply.Status);
        Assert.DoesNotContain("secret", reply.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync<TService>() where TService : class
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer().AddService<TService>(Echo);
        var app = builder.Build();
        app.UseGrpc();
        await app.StartAsync();
        return app;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Bound by name.")]
    private sealed class UnaryWrittenAsStreaming
    {
        public Task Unary(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context) => Task.CompletedTask;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Bound by name.")]
    private sealed class OnlyUnary
    {
        public Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply { Text = request.Text });
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Bound by name.")]
    private sealed class Throwing
    {
        public Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) => throw new InvalidOperationException("secret internals");
    }
}
