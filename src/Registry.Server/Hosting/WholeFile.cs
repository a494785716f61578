namespace Registry.Server.Hosting;

/// <summary>Files other programs read while the server may be writing them (keys, the development credential).</summary>
internal static class WholeFile
{
    /// <summary>
    /// Written to a temporary file beside it, then renamed into place: a reader (the CLI, a test) finds the file
    /// whole or not at all, never empty. A private file is created with its mode (0600) from the start.
    /// </summary>
    public static void Write(string path, string text, UnixFileMode? mode)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
            options.UnixCreateMode = unixMode;
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
