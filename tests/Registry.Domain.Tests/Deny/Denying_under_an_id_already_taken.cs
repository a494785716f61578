namespace Registry.Domain.Tests.Deny;

public sealed class Denying_under_an_id_already_taken : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105];

    protected override IProgramCommand When => Tulpar.LeonardoDeniesCommand(Tulpar.Turret105Id.Value, Tulpar.Turret120Id);

    [Fact]
    public void Then_it_is_rejected_as_already_existing() => ThenRejected(RejectionKind.AlreadyExists, "already has a claim 'tulpar-turret-105'");
}
