using System.Diagnostics;
using System.Text;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// npm's @grpc/grpc-js (a client this project did not write) runs tests/interop/node/registry_e2e.js against
/// a real registry host. Needs <c>npm ci</c> in tests/interop/node first (scripts/test.sh does it).
/// </summary>
public sealed class NodeClientEndToEndTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly string Node = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_NODE") ?? "node";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Node_grpc_js_client_announces_reports_denies_corrects_reads_and_watches()
    {
        var dir = Path.Combine(RepoRoot(), "tests", "interop", "node");
        var grpcJs = Path.Combine(dir, "node_modules", "@grpc", "grpc-js", "package.json");
        // A missing install is a failure, never a skip: otherwise this test could pass having proved nothing.
        Assert.True(File.Exists(grpcJs), $"{grpcJs} is missing: run `npm ci` in {dir} before this test (scripts/test.sh does this).");
        var target = $"{registry.Channel.Address.Host}:{registry.Channel.Address.Port}";

        var (exitCode, output) = await RunAsync(Node, [Path.Combine(dir, "registry_e2e.js"), "--target", target], dir);

        Assert.True(exitCode == 0, $"registry_e2e.js against {target} exited {exitCode}:{Environment.NewLine}{output}");
        Assert.Contains("\"watch\":\"ProductionStarted.v1\"", output, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Registry.sln")) && Directory.Exists(Path.Combine(dir.FullName, "tests", "interop")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Registry.sln with tests/interop above {AppContext.BaseDirectory}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var output = new StringBuilder();
        void Append(string stream, string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.Append(stream).Append(": ").AppendLine(line);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => Append("stderr", e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"cannot start {fileName}: {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append("test", $"killed after {Timeout.TotalSeconds} s");
            return (-1, Snapshot());
        }
        return (process.ExitCode, Snapshot());

        string Snapshot()
        {
            lock (output)
                return output.ToString();
        }
    }
}
