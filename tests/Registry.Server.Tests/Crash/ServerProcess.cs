using Grpc.Core;
using Registry.Client;
using Registry.Client.Credentials;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Registry.V1;

namespace Registry.Server.Tests.Crash;

/// <summary>
/// Registry.Server as a separate process (<c>dotnet Registry.Server.dll</c>, copied next to the tests as a
/// project reference) on a free port, with our gRPC client pointed at it. No Auth is configured, so the server
/// makes its development key in the data directory, and the client calls with it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly string _dataDirectory;

    private ServerProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        _dataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    /// <summary>Calls with the development key (every role); set once the server has written it.</summary>
    public RegistryClient Client { get; private set; } = null!;

    public int Id => _process.Id;

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>Every line the server wrote that is still kept (the last 200).</summary>
    public IReadOnlyList<string> Lines => [.. _output];

    /// <summary>Waits until the server answers an authenticated call.</summary>
    public Task WaitUntilReadyAsync() => WaitUntilAnsweringAsync();

    /// <param name="settings">More command-line settings, e.g. the bus's.</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] settings)
    {
        var server = Launch(dataDirectory, settings);
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    /// <summary>Starts the process without waiting for it to answer (it may end by a test hook first).</summary>
    public static ServerProcess Launch(string dataDirectory, params string[] settings)
    {
        var folder = AppContext.BaseDirectory;
        return Launch(Path.Combine(folder, "Registry.Server.dll"), folder, dataDirectory, ["--Logging:LogLevel:Default=Warning", .. settings]);
    }

    /// <summary>
    /// The server as a user runs it: from its own build folder (where its appsettings.json is), started from
    /// <paramref name="workingDirectory"/>, with no settings but its port and data directory.
    /// </summary>
    public static ServerProcess LaunchFromBuildFolder(string workingDirectory, string dataDirectory)
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testFolder.Parent!.Name;
        var dll = Path.Combine(Registry.Testing.ThirdPartyClient.RepoRoot, "src", "Registry.Server", "bin", configuration, testFolder.Name, "Registry.Server.dll");
        return Launch(dll, workingDirectory, dataDirectory, []);
    }

    private static ServerProcess Launch(string dll, string workingDirectory, string dataDirectory, string[] settings)
    {
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            throw new FileNotFoundException("Registry.Server.dll and its runtimeconfig are not where they were built.", dll);

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, $"--Grpc:Endpoint:Port={port}", $"--Storage:DataDirectory={dataDirectory}", .. settings])
            start.ArgumentList.Add(argument);
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits for the process to end by itself (a test hook killing it); its exit code (137 after SIGKILL).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to flush, checkpoint or close anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Freezes the process (SIGSTOP) or lets it go on (SIGCONT), as a long pause of the machine would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGTERM, the host's ordinary shutdown; SIGKILL if it has not ended after 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Registry.Server exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            var keyFile = Path.Combine(_dataDirectory, DevelopmentKey.KeyFileName);
            // The server writes the key file whole (a rename), so a file that exists holds the key.
            if (Client is null && File.Exists(keyFile))
                Client = RegistryClient.Connect(Address, new CallContext(Credential.Parse(await File.ReadAllTextAsync(keyFile, timeout.Token))));
            if (Client is null)
            {
                await Task.Delay(50, timeout.Token);
                continue;
            }
            try
            {
                await Client.Admin.GetStatusAsync(new GetStatusRequest(), new CallOptions(cancellationToken: timeout.Token));
                return;
            }
            catch (RpcException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 200)
            _output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
