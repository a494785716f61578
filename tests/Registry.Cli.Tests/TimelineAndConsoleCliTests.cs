namespace Registry.Cli.Tests;

/// <summary><c>registry timeline</c>, the valid-time and record-time filters of <c>registry list</c>, and <c>registry console</c>.</summary>
public sealed class TimelineAndConsoleCliTests(SeededServer seeded) : IClassFixture<SeededServer>
{
    [Fact]
    public async Task Timeline_lists_the_dated_claims_with_source_and_fate()
    {
        var (exit, output, error) = await seeded.Server.RunCliAsync("timeline", "kz-anka");

        Assert.True(exit == 0, error);
        var row = output.Split('\n').Single(l => l.Contains("production_planned", StringComparison.Ordinal));
        Assert.Contains("2024 \"this year\"", row, StringComparison.Ordinal);
        Assert.Contains("F3", row, StringComparison.Ordinal);
        Assert.Contains("best", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_json_is_the_api_message()
    {
        var (exit, output, error) = await seeded.Server.RunCliAsync("timeline", "kz-tulpar-light-tank", "--json");

        Assert.True(exit == 0, error);
        var timeline = Registry.V1.ProgramTimeline.Parser.ParseJson(output);
        Assert.Contains(timeline.Entries, e => e.Claim.ClaimId == "tulpar-production-start" && e.Claim.ValidTime.Text == "next year");
    }

    [Fact]
    public async Task List_filters_by_stage_and_valid_year()
    {
        var (exit, output, error) = await seeded.Server.RunCliAsync("list", "--stage", "production_planned", "--valid-year", "2026", "--json");

        Assert.True(exit == 0, error);
        Assert.Equal(["kz-alpar-ugv"], Registry.V1.ListProgramsResponse.Parser.ParseJson(output).Programs.Select(p => p.Id));
    }

    [Fact]
    public async Task List_as_known_at_the_first_position_holds_one_programme()
    {
        var (exit, output, error) = await seeded.Server.RunCliAsync("list", "--known-at-position", "1", "--json");
        var (bothExit, _, bothError) = await seeded.Server.RunCliAsync("list", "--known-at-position", "1", "--known-at", "2026-01-01T00:00:00Z");

        Assert.True(exit == 0, error);
        Assert.Single(Registry.V1.ListProgramsResponse.Parser.ParseJson(output).Programs);
        Assert.NotEqual(0, bothExit);
        Assert.Contains("at most one", bothError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_prints_the_console_address()
    {
        var (exit, output, error) = await seeded.Server.RunCliAsync("console", "--http-address", "http://127.0.0.1:50999/anything");

        Assert.True(exit == 0, error);
        Assert.Contains("Console: http://127.0.0.1:50999/", output, StringComparison.Ordinal);
        var bad = await seeded.Server.RunCliAsync("console", "--http-address", "not an address");
        Assert.NotEqual(0, bad.Exit);
    }
}
