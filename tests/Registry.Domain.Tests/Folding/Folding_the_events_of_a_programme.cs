namespace Registry.Domain.Tests.Folding;

public sealed class Folding_the_events_of_a_programme : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105];

    [Fact]
    public void Then_the_identity_comes_from_the_announcement() =>
        (State.Id, State.Name, State.Kind, State.Country).ShouldBe((Tulpar.Id, "Tulpar-based light tank", ProgramKind.LightTank, "KZ"));

    [Fact]
    public void Then_the_version_is_the_revision_of_the_last_event() => Assert.Equal(2, State.Version);

    [Fact]
    public void Then_each_claim_keeps_the_revision_and_time_it_was_recorded_at() => Assert.Equal(
        [(0L, Scenario.FirstRecordedAt), (1L, Scenario.FirstRecordedAt.AddMinutes(1)), (2L, Scenario.FirstRecordedAt.AddMinutes(2))],
        State.Claims.Select(c => (c.Revision, c.RecordedAt)));

    [Fact]
    public void Then_the_announcement_is_the_first_claim_at_stage_announced() =>
        (State.Claims[0].Id, State.Claims[0].Kind, State.Claims[0].Stage).ShouldBe((Tulpar.AnnouncedId, ClaimKind.Lifecycle, LifecycleStage.Announced));
}
