using System.Diagnostics;
using System.Text;

namespace Registry.Testing;

/// <summary>
/// Runs one case of a third-party interop client script (tests/interop/python or tests/interop/node)
/// against a server, and fails the test with the script's whole output unless it exits 0.
/// </summary>
internal static class ThirdPartyClient
{
    /// <summary>Generous: the size cases move 4 MiB messages and the watch case opens and cancels many streams.</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The repository root, found from the test assembly's folder (bin/...) by walking up to Registry.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Registry.sln")) && Directory.Exists(Path.Combine(dir.FullName, "tests", "interop")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Registry.sln with tests/interop above {AppContext.BaseDirectory}");
    }

    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <param name="environment">Extra environment variables, e.g. a credential (never passed as an argument).</param>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
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
        // Python must print non-ASCII (the error_non_ascii case) whatever the test runner's locale is.
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, "stdout", e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, "stderr", e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(-1, $"cannot start {fileName}: {e.Message}", stopwatch.Elapsed);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(CaseTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append(output, "test", $"killed after {CaseTimeout.TotalSeconds} s");
            return new Result(-1, Snapshot(output), stopwatch.Elapsed);
        }

        // WaitForExitAsync returns after the redirected streams reached EOF, so the output is complete.
        return new Result(process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    private static void Append(StringBuilder output, string stream, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.Append(stream).Append(": ").AppendLine(line);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }

    public static void AssertPassed(string client, string caseName, string target, Result result)
    {
        Assert.True(
            result.ExitCode == 0,
            $"{client} case '{caseName}' against {target} exited {result.ExitCode} after {result.Elapsed.TotalSeconds:0.0} s:{Environment.NewLine}{result.Output}");
    }

    /// <param name="expected">The cases the script must list, so that none is silently left out.</param>
    public static async Task AssertListsExactlyAsync(string client, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IEnumerable<string> expected)
    {
        var result = await RunAsync(fileName, arguments, workingDirectory);
        Assert.True(result.ExitCode == 0, $"{client} --list exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        var listed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("stdout: ", StringComparison.Ordinal))
            .Select(line => line["stdout: ".Length..])
            .ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
