using System.Diagnostics;
using System.Globalization;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>
/// Runs the python3-grpcio reference Echo server (tests/interop/python/echo_server.py) for the test class's
/// lifetime. It serves until its stdin closes, so it cannot outlive the test run even if disposal is skipped.
/// </summary>
public sealed class PythonEchoServer : IAsyncLifetime
{
    // Debian's interpreter: the grpcio module is a Debian package that other pythons on PATH do not see.
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "interop", "python", "echo_server.py");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { script, "--port", "0" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            // Not redirected: the server's errors go to the test log, and no thread-pool thread sits blocked
            // reading a pipe for the whole run (that starved timers and made deadline tests late).
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");

        using var timeout = new CancellationTokenSource(StartTimeout);
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            await KillAsync();
            throw new InvalidOperationException($"echo_server.py did not start (first line '{line}'); its stderr is in the test output.");
        }
        var port = int.Parse(line["LISTENING ".Length..], NumberStyles.None, CultureInfo.InvariantCulture);
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
            return;
        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Registry.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Registry.sln above {AppContext.BaseDirectory}.");
    }
}
