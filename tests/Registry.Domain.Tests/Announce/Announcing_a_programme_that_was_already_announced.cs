namespace Registry.Domain.Tests.Announce;

public sealed class Announcing_a_programme_that_was_already_announced : Scenario
{
    protected override IEnumerable<IProgramEvent> Given => [Tulpar.Announced];

    protected override IProgramCommand When => Tulpar.Announce with { Claim = Ids.Claim("tulpar-announced-again") };

    [Fact]
    public void Then_it_is_rejected_as_already_existing() =>
        ThenRejected(RejectionKind.AlreadyExists, "'kz-tulpar-light-tank' was already announced (as 'Tulpar-based light tank')");
}
