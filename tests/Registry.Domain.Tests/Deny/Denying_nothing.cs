namespace Registry.Domain.Tests.Deny;

public sealed class Denying_nothing : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand("leonardo-denial");

    [Fact]
    public void Then_it_is_rejected_for_naming_no_claim() =>
        ThenRejected(RejectionKind.FailedPrecondition, "must name at least one claim");
}
