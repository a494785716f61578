using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Credentials;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Registry.Testing;

namespace Registry.Server.Tests.Auth;

/// <summary>The RPCs a registry hosts, and raw calls to them with a chosen credential.</summary>
internal static class RegistryRpcs
{
    /// <summary>Every method of every service the host serves, as <c>/package.Service/Method</c>, from its endpoints.</summary>
    public static IReadOnlyList<string> HostedPaths(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>())
            .OfType<GrpcMethodMetadata>()
            .Select(m => m.Method.FullName)
            .Distinct()
            .ToList();

    /// <summary>
    /// One call with an empty request message (valid protobuf: every field at its default). Watches run until
    /// the short deadline; every other method answers at once.
    /// </summary>
    public static Task<RawGrpc.Reply> CallEmptyAsync(RawGrpc raw, string path, Credential? credential) =>
        raw.SendAsync(path, RawGrpc.Frame([]), configure: request =>
        {
            request.Headers.Add("grpc-timeout", path.EndsWith("/WatchPrograms", StringComparison.Ordinal) ? "300m" : "20S");
            foreach (var entry in credential?.ToHeaders() ?? [])
                request.Headers.Add(entry.Key, entry.Value);
        });
}
