namespace Registry.Domain.Tests.Folding;

/// <summary>Find looks claims up in an index that Evolve carries along; states made any other way find them too.</summary>
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
    public void Then_a_state_built_from_its_claims_finds_them_and_equals_the_evolved_one()
    {
        var state = State;
        var rebuilt = new ProgramState(state.Id, state.Name, state.Kind, state.Country, state.Version, state.Claims);

        Assert.Same(state.Claims[2], rebuilt.Find(Tulpar.Turret105Id));
        Assert.Equal(state, rebuilt);
        Assert.Equal(state.GetHashCode(), rebuilt.GetHashCode());
    }

    [Fact]
    public void Then_a_state_given_other_claims_finds_those()
    {
        var state = State;
        var fewer = state with { Claims = state.Claims.RemoveAt(1) };

        Assert.Null(fewer.Find(Tulpar.Turret120Id));
        Assert.Same(fewer.Claims[1], fewer.Find(Tulpar.Turret105Id));
    }
}
