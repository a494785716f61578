namespace Registry.Domain.Tests.Catalog;

public sealed class Lifecycle_stages_in_the_log
{
    public static TheoryData<LifecycleStage, string> Stages => new()
    {
        { LifecycleStage.ProductionPlanned, "ProductionPlanned.v1" },
        { LifecycleStage.ProductionStarted, "ProductionStarted.v1" },
        { LifecycleStage.ProcurementReported, "ProcurementReported.v1" },
        { LifecycleStage.FundingAllocated, "FundingAllocated.v1" },
        { LifecycleStage.DeliveriesRecorded, "DeliveriesRecorded.v1" },
        { LifecycleStage.EnteredService, "EnteredService.v1" },
        { LifecycleStage.Cancelled, "ProgramCancelled.v1" },
    };

    [Theory]
    [MemberData(nameof(Stages))]
    public void Are_stored_under_the_stage_s_own_name(LifecycleStage stage, string storedName) =>
        Assert.Equal(storedName, EventCatalog.StoredName(Tulpar.Stage("tulpar-stage", stage)));

    [Theory]
    [MemberData(nameof(Stages))]
    public void Resolve_back_to_a_lifecycle_report_at_that_stage(LifecycleStage stage, string storedName) =>
        Assert.Equal((typeof(LifecycleReported), stage), EventCatalog.Resolve(storedName));

    [Fact]
    public void Cover_every_stage_but_the_announcement() => Assert.Equal(
        Enum.GetValues<LifecycleStage>().Where(s => s != LifecycleStage.Announced),
        Stages.Select(row => (LifecycleStage)row[0]).Order());
}
