namespace Registry.Domain.Tests.Supersede;

public sealed class Superseding_an_attribute_with_another_attribute : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced, Tulpar.Turret120];

    protected override IProgramCommand When => new SupersedeClaim(
        Tulpar.Id, Tulpar.Turret120Id, Tulpar.PlantAstanaClaim, "quote misread", Tulpar.Operator);

    [Fact]
    public void Then_it_is_rejected_because_the_replacement_is_about_another_attribute() =>
        ThenRejected(RejectionKind.FailedPrecondition, "is a Attribute claim about turret_calibre; its replacement must be of the same kind");
}
