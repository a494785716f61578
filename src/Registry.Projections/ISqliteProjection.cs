using Registry.EventStore;

namespace Registry.Projections;

/// <summary>
/// A read model kept in SQLite. The engine gives each build of it (a generation) its own tables and exposes
/// the live generation under views named after the logical tables, so a rebuild can run beside the live
/// model and be swapped in at once. Apply runs inside the transaction that also moves the checkpoint.
/// </summary>
public interface ISqliteProjection
{
    /// <summary>A stable identifier: letters, digits and '_'.</summary>
    string Name { get; }

    /// <summary>Raise it when the tables or the meaning of Apply change: the engine then rebuilds from zero.</summary>
    int Version { get; }

    /// <summary>The events it needs; null for every event.</summary>
    SubscriptionFilter? Filter { get; }

    /// <summary>The logical tables it keeps; the views readers query carry these names prefixed by <see cref="Name"/>.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>Creates the tables of one generation: use <see cref="ProjectionContext.Table"/> for every name.</summary>
    void CreateSchema(ProjectionContext context);

    void Apply(ProjectionContext context, RecordedEvent recorded);
}
