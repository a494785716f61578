using System.Reflection;
using Registry.Domain.Claims;

namespace Registry.Domain.Events;

/// <summary>Which stored type name each event has, and back: the log never depends on CLR names.</summary>
public static class EventCatalog
{
    private static readonly Dictionary<Type, string> NamesByType = typeof(IProgramEvent).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<EventTypeAttribute>() is not null)
        .ToDictionary(t => t, t => t.GetCustomAttribute<EventTypeAttribute>()!.StoredName);

    private static readonly Dictionary<LifecycleStage, string> LifecycleNames = new()
    {
        [LifecycleStage.ProductionPlanned] = "ProductionPlanned.v1",
        [LifecycleStage.ProductionStarted] = "ProductionStarted.v1",
        [LifecycleStage.ProcurementReported] = "ProcurementReported.v1",
        [LifecycleStage.FundingAllocated] = "FundingAllocated.v1",
        [LifecycleStage.DeliveriesRecorded] = "DeliveriesRecorded.v1",
        [LifecycleStage.EnteredService] = "EnteredService.v1",
        [LifecycleStage.Cancelled] = "ProgramCancelled.v1",
    };

    public static string StoredName(IProgramEvent programEvent) => programEvent switch
    {
        LifecycleReported lifecycle => LifecycleNames[lifecycle.Stage],
        _ => NamesByType[programEvent.GetType()],
    };

    /// <summary>The CLR type of a stored name (and, for lifecycle events, the stage it implies); null when unknown.</summary>
    public static (Type Type, LifecycleStage? Stage)? Resolve(string storedName)
    {
        foreach (var (stage, name) in LifecycleNames)
        {
            if (name == storedName)
                return (typeof(LifecycleReported), stage);
        }
        foreach (var (type, name) in NamesByType)
        {
            if (name == storedName)
                return (type, null);
        }
        return null;
    }

    public static IEnumerable<string> AllStoredNames => NamesByType.Values.Concat(LifecycleNames.Values);
}
