namespace Registry.Domain.Tests.Retract;

public sealed class Retracting_the_announcement : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    protected override IProgramCommand When => new RetractClaim(Tulpar.Id, Tulpar.AnnouncedId, "not a real programme", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_because_the_claim_announced_the_programme() =>
        ThenRejected(RejectionKind.FailedPrecondition, "Claim 'tulpar-announced' announced the programme");
}
