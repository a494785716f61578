using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Registry.Server.Http;

/// <summary>Where the HTTP endpoint listens once started (its real port when configured with port 0): for tests and the start log.</summary>
public sealed class HttpEndpointAddress
{
    internal ListenOptions? Listen { get; set; }

    internal bool Tls { get; set; }

    public Uri Uri => Listen?.IPEndPoint is { } endpoint
        ? new Uri($"{(Tls ? "https" : "http")}://{(endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}")
        : throw new InvalidOperationException("The HTTP endpoint is not listening (yet).");

    internal static bool IsBound(IPEndPoint? endpoint) => endpoint is { Port: > 0 };
}
