using Google.Protobuf;

namespace Registry.Cli.Rendering;

/// <summary>Protobuf messages as their canonical JSON, one document per line.</summary>
public static class JsonOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatEnumsAsIntegers(false));

    public static Task WriteAsync(TextWriter output, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.WriteLineAsync(Formatter.Format(message));
    }
}
