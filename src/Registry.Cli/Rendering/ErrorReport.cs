using Grpc.Core;
using Registry.Client;

namespace Registry.Cli.Rendering;

/// <summary>A failed call for people: "error: NOT_FOUND: No programme 'x'." and one line per field violation.</summary>
public static class ErrorReport
{
    public static async Task WriteAsync(TextWriter error, RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        await error.WriteLineAsync($"error: {Names.Status(exception.StatusCode)}: {exception.Status.Detail}").ConfigureAwait(false);
        foreach (var violation in exception.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations ?? [])
            await error.WriteLineAsync($"  {violation.Field}: {violation.Description}").ConfigureAwait(false);
    }
}
