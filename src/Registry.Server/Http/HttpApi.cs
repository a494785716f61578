using System.Security.Claims;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.OpenApi.Models;
using Registry.Server.Auth;

namespace Registry.Server.Http;

/// <summary>
/// The HTTP side of the registry: JSON transcoding of the gRPC services (routes from the google.api.http
/// annotations in protos/registry/v1), the OpenAPI document at /openapi/v1.json and the console's files.
/// Transcoded routes are the gRPC endpoints themselves, so credentials, roles, validation and refusals are
/// the same; the document and the console's files are public (they hold no data) and say so explicitly.
/// </summary>
internal static class HttpApi
{
    public const string OpenApiRoute = "/openapi/{documentName}.json";

    private const string ApiKeyScheme = "apiKey";
    private const string BearerScheme = "bearer";

    /// <summary>The console's files, copied beside the program at build (Console/ in the project).</summary>
    public static string ConsoleFolder => Path.Combine(AppContext.BaseDirectory, "Console");

    public static void AddRegistryHttp(this IServiceCollection services)
    {
        services.AddGrpc().AddJsonTranscoding(options =>
            // Error details are google.protobuf.Any: the JSON body can show only types it knows.
            options.TypeRegistry = TypeRegistry.FromMessages(Google.Rpc.BadRequest.Descriptor, Google.Rpc.PreconditionFailure.Descriptor));
        services.AddGrpcSwagger();
        services.AddSwaggerGen(swagger =>
        {
            // Nested generated types (Claim.Types.Kind, FollowerStatus.Types.Kind) need their outer type in the id.
            swagger.CustomSchemaIds(type => (type.FullName ?? type.Name).Replace("Registry.V1.", "", StringComparison.Ordinal)
                .Replace("+Types+", ".", StringComparison.Ordinal).Replace('+', '.'));
            swagger.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-api-key" });
            swagger.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT" });
            // Two requirements: either credential will do (one requirement naming both would ask for both).
            foreach (var scheme in new[] { ApiKeyScheme, BearerScheme })
            {
                swagger.AddSecurityRequirement(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = scheme } }] = [],
                });
            }
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
            Title = "Registry",
            Version = "v1",
            Description = "Defence-industrial programmes as sourced claims: the registry.v1 gRPC services over HTTP/JSON. " +
                          "Send x-api-key or Authorization: Bearer.",
            });
        });
    }

    public static void MapRegistryHttp(this WebApplication app)
    {
        app.MapSwagger(OpenApiRoute).AllowAnonymous();
        // Who the console's credential proves (to offer corrections to operators only): any principal may ask.
        app.MapGet("/console/principal", (ClaimsPrincipal user) => new ConsolePrincipal(
                user.Identity?.Name ?? string.Empty, user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList()))
            .RequireAuthorization(MethodAuthorization.AuthenticatedPolicy).ExcludeFromDescription();
        var files = new PhysicalFileProvider(ConsoleFolder);
        var types = new FileExtensionContentTypeProvider();
        // The lowest-precedence route: API routes and gRPC methods always win over a file name.
        app.MapGet("/{**path}", (string? path) => ConsoleFile(files, types, path)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult ConsoleFile(PhysicalFileProvider files, FileExtensionContentTypeProvider types, string? path)
    {
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        // The provider refuses absolute paths and "..", so nothing outside the console folder is served.
        var file = files.GetFileInfo(name);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
            return Results.NotFound();
        var type = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
        return new ConsoleFileResult(file.PhysicalPath, type);
    }

    public sealed record ConsolePrincipal(string Name, IReadOnlyList<string> Roles);

    /// <summary>A console file with headers that keep the page to its own scripts and out of other sites' frames.</summary>
    private sealed class ConsoleFileResult(string path, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache";
            return Results.File(path, contentType).ExecuteAsync(httpContext);
        }
    }
}
