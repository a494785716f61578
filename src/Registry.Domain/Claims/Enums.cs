namespace Registry.Domain.Claims;

/// <summary>How firmly the source puts it.</summary>
public enum Certainty
{
    Reported,
    Planned,
    Confirmed,
    Estimated,
}

/// <summary>An operator's ranking of a claim, which decides before anything else which value is shown.</summary>
public enum Rank
{
    Normal,
    Preferred,
    Deprecated,
}

/// <summary>The lifecycle a programme goes through; later stages supersede earlier ones in its status.</summary>
public enum LifecycleStage
{
    Announced,
    ProductionPlanned,
    ProductionStarted,
    ProcurementReported,
    FundingAllocated,
    DeliveriesRecorded,
    EnteredService,
    Cancelled,
}

public enum OrganisationRole
{
    Manufacturer,
    Integrator,
    PlatformProvider,
    PlatformLicensor,
    TurretSupplier,
    Supplier,
    Investor,
    Operator,
    Customer,
    Developer,
}
