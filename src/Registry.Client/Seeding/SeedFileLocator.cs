namespace Registry.Client.Seeding;

/// <summary>Finds the repository's seed file by walking up from a folder, so a server run from a checkout seeds itself.</summary>
public static class SeedFileLocator
{
    public const string RelativePath = "data/seed/registry-seed.json";

    public static string? FindUpwards(string startFolder) => FindUpwards(startFolder, RelativePath);

    /// <summary>The file at <paramref name="relativePath"/> under <paramref name="startFolder"/> or the nearest folder above it that has one.</summary>
    public static string? FindUpwards(string startFolder, string relativePath)
    {
        for (var folder = new DirectoryInfo(startFolder); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
