using Registry.Client;
using System.CommandLine;
using Registry.Cli.Rendering;
using Spectre.Console;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary><c>list [--country KZ] [--kind light_tank] [--status production_planned] [--organisation Otokar]</c>: every page.</summary>
public static class ListCommand
{
    public static Command Create(CliIo io)
    {
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2, e.g. KZ" };
        var kind = new Option<string?>("--kind") { Description = "Programme kind, e.g. light_tank, armoured_vehicle_8x8, fund" };
        var status = new Option<string?>("--status") { Description = "Lifecycle stage, e.g. production_planned, cancelled" };
        var organisation = new Option<string?>("--organisation") { Description = "An organisation's name or alias (case-insensitive)" };
        var command = new Command("list", "List programmes, optionally filtered") { country, kind, status, organisation };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var request = new ListProgramsRequest
            {
                Country = parse.GetValue(country)?.ToUpperInvariant() ?? "",
                Kind = parse.GetValue(kind) is { } k ? Names.Parse<ProgramKind>(k, "--kind") : ProgramKind.Unspecified,
                Status = parse.GetValue(status) is { } s ? Names.Parse<LifecycleStage>(s, "--status") : LifecycleStage.Unspecified,
                Organisation = parse.GetValue(organisation) ?? "",
                PageSize = 500,
            };
            var all = new ListProgramsResponse();
            await foreach (var summary in client.Queries.ListAllProgramsAsync(request, cancellationToken).ConfigureAwait(false))
                all.Programs.Add(summary);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await JsonOutput.WriteAsync(io.Out, all).ConfigureAwait(false);
                return 0;
            }
            var table = ProgramView.Table("id", "name", "kind", "country", "status", "version", "conflicts");
            foreach (var p in all.Programs)
                table.AddRow(ProgramView.Cells(p.Id, p.Name, Names.Of(p.Kind), p.Country, Names.Of(p.Status), $"{p.Version}", $"{p.Conflicts}"));
            var console = io.Console();
            console.Write(table);
            console.WriteLine($"{all.Programs.Count} programme(s)");
            return 0;
        });
        return command;
    }
}
