namespace Registry.Server.Seeding;

/// <summary>"Seeding" settings: whether an empty store is seeded at start, and from which file.</summary>
public sealed class SeedingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The seed file; empty: data/seed/registry-seed.json found by walking up from the working directory.</summary>
    public string? File { get; set; }
}
