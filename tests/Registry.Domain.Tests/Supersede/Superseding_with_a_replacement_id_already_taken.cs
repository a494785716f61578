namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_with_a_replacement_id_already_taken : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120, Tulpar.Turret105];

    // The operator points the replacement at the existing 105 mm claim's id instead of a new one.
    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Tulpar.Turret120Id, Tulpar.Turret105Claim, "quote misread", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_as_already_existing() =>
        ThenRejected(RejectionKind.AlreadyExists, "already has a claim 'tulpar-turret-105'");
}
