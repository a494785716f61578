using Registry.Client;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// Commands end to end through gRPC: conflicting sourced claims side by side, a sourced denial, and the
/// operators' corrections (rank, retract, supersede), each read back with GetProgram.
/// </summary>
public sealed class ClaimsAndCorrectionsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>120 mm from an A2 and a B2 source, 105 mm from an F3 source.</summary>
    private async Task<(string Id, CommandResult Last)> ConflictingCalibreAsync()
    {
        var (id, _) = await registry.AnnounceAsync();
        await registry.SendAsync(Report(id, Calibre("calibre-120-a", "120", "Defense News", "A2")));
        await registry.SendAsync(Report(id, Calibre("calibre-120-b", "120", "Army Recognition", "B2")));
        var last = await registry.SendAsync(Report(id, Calibre("calibre-105", "105", "Forum Post", "F3")));
        return (id, last);
    }

    private static AttributeState CalibreOf(Registry.V1.Program program) => Assert.Single(program.Attributes, a => a.Attribute == "turret_calibre");

    private static Claim ClaimOf(Registry.V1.Program program, string claimId) => Assert.Single(program.Claims, c => c.ClaimId == claimId);

    [Fact]
    public async Task Announcing_a_programme_makes_it_readable_as_announced()
    {
        var (id, announced) = await registry.AnnounceAsync();

        var program = await registry.GetAtLeastAsync(id, announced.Version);

        Assert.Equal(id, announced.ProgramId);
        Assert.Equal(0, announced.Version);
        Assert.False(announced.Repeated);
        Assert.Single(announced.EventIds);
        Assert.Equal("Tulpar light tank", program.Name);
        Assert.Equal(ProgramKind.LightTank, program.Kind);
        Assert.Equal("KZ", program.Country);
        Assert.Equal(LifecycleStage.Announced, program.Status);
        var claim = ClaimOf(program, "announced");
        Assert.Equal(LifecycleStage.Announced, claim.Stage);
        Assert.Equal("Kazinform", claim.Provenance.Outlet);
        Assert.Equal("B", claim.Provenance.Reliability);
        Assert.Equal(2, claim.Provenance.Credibility);
        Assert.Equal(announced.Position, program.Position);
    }

    [Fact]
    public async Task Conflicting_reports_show_the_best_value_flag_the_conflict_and_list_every_competing_value_with_its_source()
    {
        var (id, last) = await ConflictingCalibreAsync();

        var program = await registry.GetAtLeastAsync(id, last.Version);

        Assert.Equal(3, last.Version);
        var calibre = CalibreOf(program);
        Assert.True(calibre.Conflict);
        Assert.Equal("calibre-120-a", calibre.Best.ClaimId);
        Assert.Equal("120", calibre.Best.Value.Quantity.Amount);
        Assert.Equal("mm", calibre.Best.Value.Quantity.Unit);
        Assert.Equal(
            ["calibre-105:105:Forum Post:F3", "calibre-120-a:120:Defense News:A2", "calibre-120-b:120:Army Recognition:B2"],
            calibre.Competing.Select(c => $"{c.ClaimId}:{c.Value.Quantity.Amount}:{c.Provenance.Outlet}:{c.Provenance.Reliability}{c.Provenance.Credibility}").Order(StringComparer.Ordinal));
        Assert.Equal("The turret carries a 105 mm gun.", calibre.Competing.Single(c => c.ClaimId == "calibre-105").Provenance.Quote);
        Assert.All(calibre.Competing, c => Assert.Equal(Claim.Types.Kind.Attribute, c.Kind));
    }

    [Fact]
    public async Task A_denial_is_a_sourced_claim_and_the_denied_claims_stay_listed_with_denied_in_and_ranked_down()
    {
        var (id, _) = await ConflictingCalibreAsync();

        var denied = await registry.SendAsync(Deny(id, "denial-1", "calibre-120-a", "calibre-120-b"));
        var program = await registry.GetAtLeastAsync(id, denied.Version);

        foreach (var claimId in new[] { "calibre-120-a", "calibre-120-b" })
        {
            var claim = ClaimOf(program, claimId);
            Assert.Equal(["denial-1"], claim.DeniedIn);
            Assert.Null(claim.Retraction);
            Assert.Empty(claim.SupersededBy);
        }
        var denial = ClaimOf(program, "denial-1");
        Assert.Equal(Claim.Types.Kind.Denial, denial.Kind);
        Assert.Equal(["calibre-120-a", "calibre-120-b"], denial.Denies);
        Assert.Equal("Kazakhstan Paramount Engineering", denial.DeniedBy);
        Assert.Equal("The vehicle does not carry a 120 mm gun.", denial.Statement);
        Assert.Equal("Company press office", denial.Provenance.Outlet);
        var calibre = CalibreOf(program);
        Assert.Equal("calibre-105", calibre.Best.ClaimId);
        Assert.True(calibre.Conflict);
        Assert.Equal("calibre-105", calibre.Competing[0].ClaimId);
        Assert.Equal(3, calibre.Competing.Count);
    }

    [Fact]
    public async Task Ranking_a_claim_preferred_makes_it_the_best_value_and_names_the_operator_and_the_reason()
    {
        var (id, _) = await ConflictingCalibreAsync();
        await registry.SendAsync(Deny(id, "denial-1", "calibre-120-a"));

        var ranked = await registry.SendAsync(Rank(id, "calibre-120-a", Registry.V1.Rank.Preferred, "Confirmed at the KADEX exhibition"));
        var program = await registry.GetAtLeastAsync(id, ranked.Version);

        var claim = ClaimOf(program, "calibre-120-a");
        Assert.Equal(Registry.V1.Rank.Preferred, claim.Rank);
        Assert.Equal(RegistryFixture.Operator, claim.RankCorrection.Operator);
        Assert.Equal("Confirmed at the KADEX exhibition", claim.RankCorrection.Reason);
        Assert.Equal(ranked.Version, claim.RankCorrection.Revision);
        Assert.Equal(["denial-1"], claim.DeniedIn);
        Assert.Equal("calibre-120-a", CalibreOf(program).Best.ClaimId);
        Assert.Equal(Registry.V1.Rank.Normal, ClaimOf(program, "calibre-105").Rank);
    }

    [Fact]
    public async Task Deprecating_the_best_claim_lets_the_next_one_lead()
    {
        var (id, _) = await ConflictingCalibreAsync();

        await registry.SendAsync(Rank(id, "calibre-120-a", Registry.V1.Rank.Deprecated, "Outlet misread the brochure"));
        var ranked = await registry.SendAsync(Rank(id, "calibre-120-b", Registry.V1.Rank.Deprecated, "Copied from the first outlet"));
        var program = await registry.GetAtLeastAsync(id, ranked.Version);

        Assert.Equal("calibre-105", CalibreOf(program).Best.ClaimId);
        Assert.Equal(Registry.V1.Rank.Deprecated, ClaimOf(program, "calibre-120-b").Rank);
    }

    [Fact]
    public async Task Retracting_a_claim_keeps_it_listed_with_the_retraction_and_takes_it_out_of_the_competition()
    {
        var (id, _) = await ConflictingCalibreAsync();

        var retracted = await registry.SendAsync(Retract(id, "calibre-105", "Entered against the wrong programme"));
        var program = await registry.GetAtLeastAsync(id, retracted.Version);

        var claim = ClaimOf(program, "calibre-105");
        Assert.Equal(RegistryFixture.Operator, claim.Retraction.Operator);
        Assert.Equal("Entered against the wrong programme", claim.Retraction.Reason);
        Assert.Equal(retracted.Version, claim.Retraction.Revision);
        var calibre = CalibreOf(program);
        Assert.False(calibre.Conflict);
        Assert.DoesNotContain(calibre.Competing, c => c.ClaimId == "calibre-105");
        Assert.Equal("calibre-120-a", calibre.Best.ClaimId);
    }

    [Fact]
    public async Task Superseding_a_claim_lists_the_replacement_and_links_the_old_one_to_it()
    {
        var (id, _) = await ConflictingCalibreAsync();

        var superseded = await registry.SendAsync(
            Supersede(id, "calibre-120-b", Calibre("calibre-125", "125", "Army Recognition", "B2"), "The outlet corrected its article: 125 mm"));
        var program = await registry.GetAtLeastAsync(id, superseded.Version);

        var old = ClaimOf(program, "calibre-120-b");
        Assert.Equal("calibre-125", old.SupersededBy);
        Assert.Equal(RegistryFixture.Operator, old.Supersession.Operator);
        Assert.Equal("The outlet corrected its article: 125 mm", old.Supersession.Reason);
        var replacement = ClaimOf(program, "calibre-125");
        Assert.Equal("125", replacement.Value.Quantity.Amount);
        Assert.Empty(replacement.SupersededBy);
        var calibre = CalibreOf(program);
        Assert.Contains(calibre.Competing, c => c.ClaimId == "calibre-125");
        Assert.DoesNotContain(calibre.Competing, c => c.ClaimId == "calibre-120-b");
        Assert.Equal(
            ["calibre-105", "calibre-120-a", "calibre-125"],
            calibre.Competing.Select(c => c.ClaimId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartProduction_changes_the_status()
    {
        var (id, announced) = await registry.AnnounceAsync();
        Assert.Equal(LifecycleStage.Announced, (await registry.GetAtLeastAsync(id, announced.Version)).Status);

        var started = await registry.SendAsync(StartProduction(id));
        var program = await registry.GetAtLeastAsync(id, started.Version);

        Assert.Equal(LifecycleStage.ProductionStarted, program.Status);
        var claim = ClaimOf(program, "production-started");
        Assert.Equal(Claim.Types.Kind.Lifecycle, claim.Kind);
        Assert.Equal(LifecycleStage.ProductionStarted, claim.Stage);
        Assert.Equal(2026, claim.ValidTime.Year);
        Assert.Equal(Certainty.Confirmed, claim.Certainty);
    }

    [Fact]
    public async Task Denying_the_production_start_takes_the_status_back()
    {
        var (id, _) = await registry.AnnounceAsync();
        await registry.SendAsync(StartProduction(id));

        var denied = await registry.SendAsync(Deny(id, "denial-production", "production-started"));
        var program = await registry.GetAtLeastAsync(id, denied.Version);

        Assert.Equal(LifecycleStage.Announced, program.Status);
        Assert.Equal(["denial-production"], ClaimOf(program, "production-started").DeniedIn);
    }

    [Fact]
    public async Task Every_correction_is_recorded_with_its_operator_and_reason_in_the_history()
    {
        var (id, _) = await ConflictingCalibreAsync();
        await registry.SendAsync(Rank(id, "calibre-105", Registry.V1.Rank.Deprecated, "F3 source"));
        await registry.SendAsync(Retract(id, "calibre-120-b", "Duplicate entry"));
        await registry.SendAsync(Supersede(id, "calibre-120-a", Calibre("calibre-120-c", "120", "Defense News", "A1"), "Source regraded"));

        var history = await registry.HistoryAsync(id);

        var corrections = history.Where(e => e.Type is "ClaimRanked.v1" or "ClaimRetracted.v1" or "ClaimSuperseded.v1").ToList();
        Assert.Equal(["ClaimRanked.v1", "ClaimRetracted.v1", "ClaimSuperseded.v1"], corrections.Select(e => e.Type));
        Assert.All(corrections, e => Assert.Equal(RegistryFixture.Operator, e.Actor));
        Assert.All(corrections, e => Assert.Contains(RegistryFixture.Operator, e.Data, StringComparison.Ordinal));
        Assert.Contains("F3 source", corrections[0].Data, StringComparison.Ordinal);
        Assert.Contains("Duplicate entry", corrections[1].Data, StringComparison.Ordinal);
        Assert.Contains("Source regraded", corrections[2].Data, StringComparison.Ordinal);
        Assert.Contains("calibre-120-a", corrections[2].Summary, StringComparison.Ordinal);
    }
}
