namespace Registry.Domain.Tests.Supersede;

/// <summary>
/// Cobra II: src-002 says Kazakhstan "is set to receive" the vehicles in 2024, first recorded as DeliveriesRecorded.
/// A lifecycle claim may be replaced by one at another stage: the kind is the same, the stage is what was misread.
/// </summary>
public sealed class Superseding_expected_deliveries_with_a_procurement_report : Scenario
{
    private static readonly ProgramId CobraII = ProgramId.Parse("kz-cobra-ii");
    private const string Quote = "In 2024, Kazakhstan is set to receive wheeled armored vehicles, including the Arlan, produced by Kazakhstan Paramount Engineering, and the COBRA II from Turkish Otocar.";

    private static readonly ReportedClaim.Lifecycle Procurement = new(
        Ids.Claim("cobra-ii-procurement-2024"), LifecycleStage.ProcurementReported, PartialDate.OfYear(2024, "In 2024"), null, Certainty.Planned,
        Sources.MinistryReportSummary(Quote), "Expected deliveries, not recorded ones.");

    protected override IEnumerable<IProgramEvent> Given =>
    [
        new ProgramAnnounced(Ids.Claim("cobra-ii-announced"), "Cobra II", ProgramKind.ArmouredVehicle4x4, "KZ", null, Certainty.Reported,
            Sources.MinistryReportSummary(Quote), null),
        new LifecycleReported(Ids.Claim("cobra-ii-deliveries-2024"), LifecycleStage.DeliveriesRecorded, PartialDate.OfYear(2024, "In 2024"), null,
            Certainty.Planned, Sources.MinistryReportSummary(Quote), null),
    ];

    protected override IProgramCommand When =>
        new SupersedeClaim(CobraII, Ids.Claim("cobra-ii-deliveries-2024"), Procurement, "\"is set to receive\" is not a recorded delivery", Tulpar.Operator);

    [Fact]
    public void Then_the_procurement_report_replaces_the_deliveries() => Then(
        new LifecycleReported(Ids.Claim("cobra-ii-procurement-2024"), LifecycleStage.ProcurementReported, PartialDate.OfYear(2024, "In 2024"), null,
            Certainty.Planned, Sources.MinistryReportSummary(Quote), "Expected deliveries, not recorded ones."),
        new ClaimSuperseded(Ids.Claim("cobra-ii-deliveries-2024"), Ids.Claim("cobra-ii-procurement-2024"),
            "\"is set to receive\" is not a recorded delivery", Tulpar.Operator));
}
