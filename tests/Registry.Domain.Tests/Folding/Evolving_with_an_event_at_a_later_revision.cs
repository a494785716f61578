namespace Registry.Domain.Tests.Folding;

/// <summary>Evolve takes the revision from the log, not from a count of the events it has seen.</summary>
public sealed class Evolving_with_an_event_at_a_later_revision : StateScenario
{
    private static readonly DateTimeOffset RecordedAt = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    private ProgramState Next => ProgramState.Evolve(State, Tulpar.Id, Tulpar.Ranked(Tulpar.AnnouncedId, Rank.Preferred), 41, RecordedAt);

    [Fact]
    public void Then_the_version_is_that_revision() => Assert.Equal(41, Next.Version);

    [Fact]
    public void Then_the_correction_is_stamped_with_that_revision() => Assert.Equal(41, Next.Find(Tulpar.AnnouncedId)!.RankCorrection!.Revision);

    [Fact]
    public void Then_the_previous_state_is_unchanged() => Assert.Equal(Rank.Normal, State.Find(Tulpar.AnnouncedId)!.Rank);
}
