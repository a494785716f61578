namespace Registry.Domain.Tests.Folding;

/// <summary>Find looks claims up in an index that it makes and Evolve then carries along; no state ever finds a wrong claim or compares differently for it.</summary>
public sealed class Finding_a_claim_in_a_state : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
        [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105, new ClaimRanked(Tulpar.Turret105Id, Rank.Deprecated, "Forum post", Tulpar.Operator)];

    [Fact]
    public void Then_an_evolved_state_finds_each_claim_as_it_now_stands()
    {
        var state = State;

        Assert.Equal(state.Claims, state.Claims.Select(c => state.Find(c.Id)));
        Assert.Equal(Rank.Deprecated, state.Find(Tulpar.Turret105Id)!.Rank);
        Assert.Null(state.Find(Tulpar.PlantAstanaId));
    }

    [Fact]
    public void Then_the_next_state_finds_the_new_claim_and_the_corrected_one()
    {
        var searched = State;
        Assert.NotNull(searched.Find(Tulpar.Turret120Id));

        var next = ProgramState.Evolve(searched, Tulpar.Id, Tulpar.PlantAstanaClaim.ToEvent(), searched.Version + 1, Scenario.FirstRecordedAt);
        var corrected = ProgramState.Evolve(next, Tulpar.Id, new ClaimRetracted(Tulpar.Turret120Id, "Typo", Tulpar.Operator), next.Version + 1, Scenario.FirstRecordedAt);

        Assert.Same(next.Claims[^1], next.Find(Tulpar.PlantAstanaId));
        Assert.True(corrected.Find(Tulpar.Turret120Id)!.IsRetracted);
        Assert.False(next.Find(Tulpar.Turret120Id)!.IsRetracted);
        Assert.Null(searched.Find(Tulpar.PlantAstanaId));
    }

    [Fact]
    public void Then_a_state_built_from_its_claims_finds_them_and_equals_the_evolved_one()
    {
        var state = State;
        var rebuilt = new ProgramState(state.Id, state.Name, state.Kind, state.Country, state.Version, state.Claims);

        Assert.Same(state.Claims[2], rebuilt.Find(Tulpar.Turret105Id));
        Assert.Equal(state, rebuilt); // one searched, the other not
        Assert.Equal(state.GetHashCode(), rebuilt.GetHashCode());
    }

    [Fact]
    public void Then_a_state_given_other_claims_finds_those()
    {
        var state = State;
        var fewer = state with { Claims = [.. state.Claims.Where((_, place) => place != 1)] };

        Assert.Null(fewer.Find(Tulpar.Turret120Id));
        Assert.Same(fewer.Claims[1], fewer.Find(Tulpar.Turret105Id));
    }
}
