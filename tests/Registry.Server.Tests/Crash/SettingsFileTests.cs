using Registry.EventStore.Tests;

namespace Registry.Server.Tests.Crash;

/// <summary>The server reads the appsettings.json beside the program, wherever the command is typed.</summary>
public sealed class SettingsFileTests : IDisposable
{
    private readonly TempFolder _elsewhere = new();

    [Fact]
    public async Task Started_from_another_folder_the_server_applies_its_appsettings_json()
    {
        await using var server = ServerProcess.LaunchFromBuildFolder(_elsewhere.Path, Path.Combine(_elsewhere.Path, "registry-data"));
        await server.WaitUntilReadyAsync();
        await server.Client.Admin.GetStatusAsync(new V1.GetStatusRequest());
        await server.StopAsync();

        // Without the file every request would be logged at information level; the file quiets
        // Microsoft.AspNetCore to warnings and keeps the registry's own information lines.
        Assert.Contains(server.Lines, line => line.Contains("Registry gRPC listening", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Lines, line => line.Contains("Request starting", StringComparison.Ordinal));
    }

    public void Dispose() => _elsewhere.Dispose();
}
