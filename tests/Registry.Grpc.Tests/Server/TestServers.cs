using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

using Registry.Testing;

namespace Registry.Grpc.Tests.Server;

internal static class TestServers
{
    /// <summary>The address a started host listens on, with 127.0.0.1 for the host name.</summary>
    public static Uri AddressOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var uri = new Uri(address);
        return new UriBuilder(uri) { Host = IPAddress.Loopback.ToString() }.Uri;
    }
}
