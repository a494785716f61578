namespace Registry.Publishing.Bench;

/// <summary>A data folder of its own under the temp folder (or under BENCH_DATA, to measure another disk), removed afterwards.</summary>
internal sealed class BenchFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(
        Environment.GetEnvironmentVariable("BENCH_DATA") ?? System.IO.Path.GetTempPath(), "registry-publishing-bench", Guid.NewGuid().ToString("N"));

    public BenchFolder() => Directory.CreateDirectory(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
