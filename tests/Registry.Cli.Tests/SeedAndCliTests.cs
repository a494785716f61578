using System.Text.Json;
using Registry.Client.Seeding;

namespace Registry.Cli.Tests;

/// <summary>The seed file through the real server's gRPC API, then the CLI's commands against what it recorded.</summary>
public sealed class SeedAndCliTests(SeededServer seeded) : IClassFixture<SeededServer>
{
    [Fact]
    public void The_seed_file_loads_fully()
    {
        var result = seeded.FirstLoad;

        Assert.Empty(result.Failures);
        Assert.Equal(19, result.Programmes);
        Assert.Equal(108, result.Claims);
        Assert.Equal(1, result.Denials);
        // One announcement per programme (2 from the file, 17 from a first claim's source), 106 reports, 1 denial.
        Assert.Equal(17, result.AnnouncedFromFirstClaim);
        Assert.Equal(19 + 106 + 1, result.CommandsSent);
        Assert.Equal(result.CommandsSent, result.Appended);
        Assert.Equal(0, result.Repeated);
    }

    [Fact]
    public async Task Loading_the_seed_again_appends_nothing()
    {
        using var client = seeded.Server.Connect();

        var again = await new SeedLoader(client.Commands).LoadAsync(TestServer.SeedFile);

        Assert.Empty(again.Failures);
        Assert.Equal(0, again.Appended);
        Assert.Equal(again.CommandsSent, again.Repeated);
    }

    [Fact]
    public async Task Show_lists_both_turret_calibres_and_flags_the_conflict()
    {
        var (exit, output, _) = await seeded.Server.RunCliAsync("show", "kz-tulpar-light-tank");

        Assert.Equal(0, exit);
        var calibre = output.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("turret_calibre", StringComparison.Ordinal)).Take(2).ToList();
        Assert.Contains("120 mm", calibre[0], StringComparison.Ordinal);
        Assert.Contains("CONFLICT", calibre[0], StringComparison.Ordinal);
        Assert.Contains("105 mm", calibre[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_json_has_turret_calibre_in_conflict_with_both_values()
    {
        var (exit, output, _) = await seeded.Server.RunCliAsync("show", "kz-tulpar-light-tank", "--json");

        Assert.Equal(0, exit);
        var program = Registry.V1.Program.Parser.ParseJson(output);
        var calibre = program.Attributes.Single(a => a.Attribute == "turret_calibre");
        Assert.True(calibre.Conflict);
        Assert.Equal(["105", "120"], calibre.Competing.Select(c => c.Value.Quantity.Amount).Order().ToArray());
    }

    [Fact]
    public async Task List_json_parses_and_holds_every_programme()
    {
        var (exit, output, _) = await seeded.Server.RunCliAsync("list", "--json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(19, document.RootElement.GetProperty("programs").GetArrayLength());
        Assert.Equal(19, Registry.V1.ListProgramsResponse.Parser.ParseJson(output).Programs.Count);
    }

    [Fact]
    public async Task List_filters_by_kind_and_organisation()
    {
        var (_, tanks, _) = await seeded.Server.RunCliAsync("list", "--kind", "light_tank", "--json");
        var (_, otokar, _) = await seeded.Server.RunCliAsync("list", "--organisation", "otocar", "--json");

        Assert.Equal(["kz-tulpar-light-tank"], Registry.V1.ListProgramsResponse.Parser.ParseJson(tanks).Programs.Select(p => p.Id));
        Assert.Contains("kz-tulpar-light-tank", Registry.V1.ListProgramsResponse.Parser.ParseJson(otokar).Programs.Select(p => p.Id));
    }

    [Fact]
    public async Task An_unknown_programme_exits_non_zero_with_not_found()
    {
        var (exit, _, error) = await seeded.Server.RunCliAsync("show", "kz-no-such-programme");

        Assert.NotEqual(0, exit);
        Assert.Contains("NOT_FOUND", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_correction_prints_each_field_violation()
    {
        var (exit, _, error) = await seeded.Server.RunCliAsync("correct", "supersede", "kz-tulpar-light-tank", "tulpar-turret-105",
            "--reason", "test", "--attribute", "turret_calibre", "--value", "105", "--unit", "mm",
            "--outlet", "Test", "--reliability", "Z", "--credibility", "9", "--quote", "q");

        Assert.NotEqual(0, exit);
        Assert.Contains("INVALID_ARGUMENT", error, StringComparison.Ordinal);
        Assert.Contains("attribute.provenance.reliability", error, StringComparison.Ordinal);
        Assert.Contains("attribute.provenance.credibility", error, StringComparison.Ordinal);
    }
}
