using Google.Protobuf.WellKnownTypes;
using Registry.Client;
using System.CommandLine;
using Registry.Cli.Rendering;
using Spectre.Console;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>list [--country KZ] [--kind light_tank] [--status production_planned] [--organisation Otokar]
/// [--stage production_planned --valid-year 2026 [--all-claims]] [--known-at 2026-03-01T00:00:00Z | --known-at-position 40]</c>: every page.
/// </summary>
public static class ListCommand
{
    public static Command Create(CliIo io)
    {
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2, e.g. KZ" };
        var kind = new Option<string?>("--kind") { Description = "Programme kind, e.g. light_tank, armoured_vehicle_8x8, fund" };
        var status = new Option<string?>("--status") { Description = "Lifecycle stage, e.g. production_planned, cancelled" };
        var organisation = new Option<string?>("--organisation") { Description = "An organisation's name or alias (case-insensitive)" };
        var stage = new Option<string?>("--stage") { Description = "Valid time: a claim of this lifecycle stage, e.g. production_planned" };
        var validYear = new Option<int?>("--valid-year") { Description = "Valid time: a claim (of --stage, if given) dated in this year" };
        var allClaims = new Option<bool>("--all-claims") { Description = "With --stage/--valid-year: every standing claim counts, not only the best-ranked" };
        var knownAt = new Option<DateTimeOffset?>("--known-at") { Description = "Record time: the answer as the registry knew it then (ISO 8601)" };
        var knownAtPosition = new Option<ulong?>("--known-at-position") { Description = "Record time: the answer as of this log position" };
        var command = new Command("list", "List programmes, optionally filtered (also in valid time and as known at a past record time)")
        {
            country, kind, status, organisation, stage, validYear, allClaims, knownAt, knownAtPosition,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(knownAt) is not null && result.GetValue(knownAtPosition) is not null)
                result.AddError("Give at most one of --known-at and --known-at-position.");
        });
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var request = new ListProgramsRequest
            {
                Country = parse.GetValue(country)?.ToUpperInvariant() ?? "",
                Kind = parse.GetValue(kind) is { } k ? Names.Parse<ProgramKind>(k, "--kind") : ProgramKind.Unspecified,
                Status = parse.GetValue(status) is { } s ? Names.Parse<LifecycleStage>(s, "--status") : LifecycleStage.Unspecified,
                Organisation = parse.GetValue(organisation) ?? "",
                PageSize = 500,
                Stage = parse.GetValue(stage) is { } st ? Names.Parse<LifecycleStage>(st, "--stage") : LifecycleStage.Unspecified,
                ValidYear = parse.GetValue(validYear) ?? 0,
                AllClaims = parse.GetValue(allClaims),
            };
            if (parse.GetValue(knownAt) is { } time)
                request.KnownAtTime = Timestamp.FromDateTimeOffset(time);
            else if (parse.GetValue(knownAtPosition) is { } position)
                request.KnownAtPosition = new LogPosition { Commit = position, Prepare = position };
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
