namespace Registry.Domain.Tests.Folding;

public sealed class Evolving_a_claim_before_the_announcement
{
    [Fact]
    public void Then_it_is_refused_as_a_broken_stream()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProgramState.Evolve(null, Tulpar.Id, Tulpar.Turret120, 0, Scenario.FirstRecordedAt));
        Assert.Contains("AttributeReported before ProgramAnnounced", error.Message, StringComparison.Ordinal);
    }
}
