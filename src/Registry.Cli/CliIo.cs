using Spectre.Console;

namespace Registry.Cli;

/// <summary>Where a command writes: plain text for people (tables), one JSON document per line for scripts.</summary>
public sealed class CliIo(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>A Spectre console on <see cref="Out"/>: no colours or ANSI codes, wide enough not to wrap when redirected.</summary>
    public IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(Out),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }
}
