namespace Registry.Domain.Tests.Announce;

public sealed class Announcing_a_new_programme : Scenario
{
    protected override IProgramCommand When => Tulpar.Announce;

    [Fact]
    public void Then_the_programme_is_announced_with_its_name_kind_country_and_source() => Then(Tulpar.Announced);
}
