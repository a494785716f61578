using Google.Protobuf.WellKnownTypes;
using Registry.V1;

namespace Registry.Server.Tests.Http;

/// <summary>
/// Valid time on the seed data (which programmes were planned to start production in a year) and both clocks
/// at once: the same question asked as the registry knew it before and after an operator's correction.
/// </summary>
public sealed class ValidTimeQueryTests(SeededRegistryFixture seeded) : IClassFixture<SeededRegistryFixture>
{
    private ProgramQueries.ProgramQueriesClient Queries => seeded.Registry.Client.Queries;

    private async Task<string[]> ListAsync(ListProgramsRequest request) =>
        (await Queries.ListProgramsAsync(request, Calls.WithTimeout(TimeSpan.FromSeconds(30)))).Programs.Select(p => p.Id).ToArray();

    [Theory]
    [InlineData(LifecycleStage.ProductionPlanned, 2026, new[] { "kz-alpar-ugv" })]
    [InlineData(LifecycleStage.ProductionPlanned, 2024, new[] { "kz-anka" })]
    [InlineData(LifecycleStage.DeliveriesRecorded, 2024, new[] { "kz-arlan", "kz-cobra-ii" })]
    [InlineData(LifecycleStage.Unspecified, 2024, new[] { "kz-air-defense-forces-procurement", "kz-anka", "kz-arlan", "kz-cobra-ii", "kz-evomax", "kz-sunqar" })]
    [InlineData(LifecycleStage.ProductionStarted, 0, new[] { "kz-aibar-4x4", "kz-taimas-8x8" })]
    [InlineData(LifecycleStage.ProductionPlanned, 2030, new string[0])]
    public async Task Programmes_with_a_claim_of_the_stage_dated_in_the_year(LifecycleStage stage, int year, string[] expected)
    {
        Assert.Equal(expected, await ListAsync(new ListProgramsRequest { Stage = stage, ValidYear = year }));
    }

    [Fact]
    public async Task Valid_time_combines_with_the_other_filters_and_pages()
    {
        Assert.Empty(await ListAsync(new ListProgramsRequest { Stage = LifecycleStage.DeliveriesRecorded, ValidYear = 2024, Country = "TR" }));
        var first = await Queries.ListProgramsAsync(new ListProgramsRequest { Stage = LifecycleStage.DeliveriesRecorded, ValidYear = 2024, PageSize = 1 });
        var second = await Queries.ListProgramsAsync(new ListProgramsRequest { Stage = LifecycleStage.DeliveriesRecorded, ValidYear = 2024, PageSize = 1, PageToken = first.NextPageToken });
        Assert.Equal(["kz-arlan", "kz-cobra-ii"], first.Programs.Concat(second.Programs).Select(p => p.Id));
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task Known_at_before_and_after_a_correction_gives_the_answers_of_each_time()
    {
        var plannedIn2026 = new ListProgramsRequest { Stage = LifecycleStage.ProductionPlanned, ValidYear = 2026 };
        var beforeTime = DateTimeOffset.UtcNow;
        var before = await seeded.Registry.Store.ReadHeadAsync();

        var correction = await seeded.Registry.Client.Commands.RankClaimAsync(new RankClaimRequest
        {
            CommandId = "valid-time-test-deprecate-alpar-2026",
            ProgramId = "kz-alpar-ugv",
            ClaimId = "alpar-production-2026",
            Rank = Rank.Deprecated,
            Reason = "the ministry's plan says 2027",
        });
        await seeded.CaughtUpAsync();

        // Now: the deprecated claim is no longer what the registry holds as true; asked for every claim, it still counts.
        Assert.Empty(await ListAsync(plannedIn2026));
        Assert.Equal(["kz-alpar-ugv"], await ListAsync(new ListProgramsRequest(plannedIn2026) { AllClaims = true }));
        // As the registry knew it before the correction, by position and by time.
        Assert.Equal(["kz-alpar-ugv"], await ListAsync(new ListProgramsRequest(plannedIn2026) { KnownAtPosition = new LogPosition { Commit = before.Commit, Prepare = before.Prepare } }));
        Assert.Equal(["kz-alpar-ugv"], await ListAsync(new ListProgramsRequest(plannedIn2026) { KnownAtTime = Timestamp.FromDateTimeOffset(beforeTime) }));
        // And as it knew it at the correction's own position: deprecated already.
        Assert.Empty(await ListAsync(new ListProgramsRequest(plannedIn2026) { KnownAtPosition = correction.Position }));
        // Before the seed, nothing was known.
        Assert.Empty(await ListAsync(new ListProgramsRequest { KnownAtTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) }));
    }

    [Fact]
    public async Task Known_at_alone_lists_every_programme_the_registry_held_then()
    {
        var all = await ListAsync(new ListProgramsRequest { KnownAtPosition = new LogPosition { Commit = ulong.MaxValue, Prepare = ulong.MaxValue }, PageSize = 500 });
        Assert.Equal(await ListAsync(new ListProgramsRequest { PageSize = 500 }), all);
        Assert.Equal(SeededRegistryFixture.SeededProgrammes, all.Length);
    }

    [Fact]
    public async Task The_timeline_holds_every_dated_claim_with_its_clocks_source_and_fate()
    {
        var timeline = await Queries.GetProgramTimelineAsync(new GetProgramTimelineRequest { ProgramId = "kz-tulpar-light-tank" });

        Assert.Equal("kz-tulpar-light-tank", timeline.ProgramId);
        var production = timeline.Entries.Where(e => e.Claim.Stage == LifecycleStage.ProductionPlanned).ToList();
        Assert.Equal(["tulpar-production-start", "tulpar-production-planned-src001"], production.Select(e => e.Claim.ClaimId));
        var nextYear = production[0];
        Assert.Equal("next year", nextYear.Claim.ValidTime.Text);
        Assert.Equal(DatePrecision.Year, nextYear.Claim.ValidTime.Precision);
        Assert.Equal("Defence Blog", nextYear.Claim.Provenance.Outlet);
        Assert.Equal("B2", nextYear.Grade);
        Assert.Equal(ClaimFate.Best, nextYear.Fate);
        Assert.Equal(ClaimFate.Competing, production[1].Fate);
        Assert.Equal(new DateTime(2026, 1, 7), new DateTime(production[1].Claim.Provenance.Published.Year, production[1].Claim.Provenance.Published.Month, production[1].Claim.Provenance.Published.Day));
        Assert.All(timeline.Entries, e => Assert.True(e.Position.Commit > 0 && e.Claim.RecordedAt is not null, $"{e.Claim.ClaimId} lacks its record time"));
        // Undated attributes (calibre) are not on a timeline.
        Assert.DoesNotContain(timeline.Entries, e => e.Claim.Attribute == "turret_calibre");
    }

    [Fact]
    public async Task Dated_claims_are_ordered_by_valid_date()
    {
        var timeline = await Queries.GetProgramTimelineAsync(new GetProgramTimelineRequest { ProgramId = "kz-anka" });
        var years = timeline.Entries.Select(e => e.Claim.ValidTime?.Year ?? 0).Where(y => y > 0).ToList();
        Assert.NotEmpty(years);
        Assert.Equal(years.Order(), years);
    }
}
