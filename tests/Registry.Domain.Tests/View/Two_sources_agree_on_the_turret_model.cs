namespace Registry.Domain.Tests.View;

public sealed class Two_sources_agree_on_the_turret_model : StateScenario
{
    protected override ProgramId Program => Tulpar.Id;

    protected override IEnumerable<IProgramEvent> Given =>
    [
        Tulpar.Announced,
        new AttributeReported(Ids.Claim("tulpar-turret-model-src000"), "turret_model", new ClaimValue.Text("HITFACT MkII"), null, Certainty.Reported,
            Sources.DefenceBlog("Leonardo 120mm HITFACT MkII turret"), null),
        new AttributeReported(Ids.Claim("tulpar-turret-model-src001"), "turret_model", new ClaimValue.Text("HITFACT MkII"), null, Certainty.Reported,
            Sources.TurkishNews("105 mm'lik HITFACT MkII kulesiyle"), null),
    ];

    [Fact]
    public void Then_both_are_listed_without_a_conflict() =>
        (Attribute("turret_model").Competing.Count, Attribute("turret_model").InConflict).ShouldBe((2, false));
}
