namespace Registry.Server.Seeding;

/// <summary>"Seeding" settings: whether the seed file is loaded at start, and which file.</summary>
public sealed class SeedingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Tests only: kill this process with SIGKILL once this many seed commands were acknowledged.</summary>
    public int? TestKillAfterCommands { get; set; }

    /// <summary>The seed file; empty: data/seed/registry-seed.json found by walking up from the working directory.</summary>
    public string? File { get; set; }
}
