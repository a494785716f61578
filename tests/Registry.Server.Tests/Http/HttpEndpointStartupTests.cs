using Registry.EventStore.Tests;

namespace Registry.Server.Tests.Http;

/// <summary>The HTTP endpoint follows the same rule as gRPC: without Auth settings, loopback only.</summary>
public sealed class HttpEndpointStartupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Without_auth_settings_the_http_endpoint_refuses_a_non_loopback_address()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RegistryHost.Build(
            ["--Grpc:Endpoint:Port=0", "--Http:Endpoint:Address=0.0.0.0", $"--Storage:DataDirectory={_folder.Path}", "--Seeding:Enabled=false"]));

        Assert.Contains("Http:Endpoint 0.0.0.0 is not a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_auth_settings_it_may_listen_anywhere()
    {
        await using var app = RegistryHost.Build(["--Grpc:Endpoint:Port=0", "--Http:Endpoint:Address=0.0.0.0", $"--Storage:DataDirectory={_folder.Path}",
            "--Seeding:Enabled=false", "--Logging:LogLevel:Default=Warning", .. TestCredentials.Settings()]);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(Registry.Server.Http.HttpEndpointAddress)) as Registry.Server.Http.HttpEndpointAddress;

        Assert.Equal("0.0.0.0", address!.Uri.Host);
        Assert.NotEqual(0, address.Uri.Port);
        await app.StopAsync();
    }

    public void Dispose() => _folder.Dispose();
}
