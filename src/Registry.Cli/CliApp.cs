using System.CommandLine;
using Registry.Cli.Commands;

namespace Registry.Cli;

/// <summary>The <c>registry</c> command tree; runnable in-process with any writers (tests do).</summary>
public static class CliApp
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var io = new CliIo(output, error);
        var root = new RootCommand("Operators' and auditors' command line for the programme registry.");
        foreach (var option in GlobalOptions.All)
            root.Options.Add(option);
        root.Subcommands.Add(ListCommand.Create(io));
        root.Subcommands.Add(ShowCommand.Create(io));
        root.Subcommands.Add(HistoryCommand.Create(io));
        root.Subcommands.Add(AsOfCommand.Create(io));
        root.Subcommands.Add(CorrectCommand.Create(io));
        root.Subcommands.Add(LoadCommand.Create(io));
        root.Subcommands.Add(StatusCommand.Create(io));
        root.Subcommands.Add(WatchCommand.Create(io));
        root.Subcommands.Add(NewApiKeyCommand.Create(io));
        root.Subcommands.Add(TimelineCommand.Create(io));
        root.Subcommands.Add(ConsoleCommand.Create(io));
        root.Subcommands.Add(AuditCommand.Create(io));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        Build(output, error).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
}
