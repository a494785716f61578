namespace Registry.Domain.Tests.Folding;

public sealed class Evolving_a_second_announcement
{
    [Fact]
    public void Then_it_is_refused_rather_than_dropping_every_claim()
    {
        var state = ProgramState.Evolve(null, Tulpar.Id, Tulpar.Announced, 0, Scenario.FirstRecordedAt);
        state = ProgramState.Evolve(state, Tulpar.Id, Tulpar.Turret120, 1, Scenario.FirstRecordedAt);

        var error = Assert.Throws<InvalidOperationException>(() => ProgramState.Evolve(state, Tulpar.Id, Tulpar.Announced, 2, Scenario.FirstRecordedAt));

        Assert.Contains("announced a second time", error.Message, StringComparison.Ordinal);
    }
}
