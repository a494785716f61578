using System.Collections.Concurrent;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Projections;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// The read model behind the queries: one row per programme with its folded state and the columns lists
/// filter on (country, kind, status, every organisation name and alias).
/// </summary>
internal sealed class ProgramsProjection : ISqliteProjection
{
    public const string ProjectionName = "programs";
    private const int MaxCached = 10_000;

    // The states last written, per generation: the next event of a programme usually follows the one just
    // applied, so its row need not be read back and parsed. A state is used only when it is exactly one
    // revision behind the event, so a batch that was rolled back and retried reads the row again.
    private readonly ConcurrentDictionary<(long Generation, ProgramId Id), ProgramState> _written = new();
    public const string View = "programs_programs";

    public string Name => ProjectionName;
    public int Version => 1;
    public SubscriptionFilter? Filter { get; } = SubscriptionFilter.OnStreamPrefix("program-");
    public IReadOnlyList<string> Tables { get; } = ["programs"];

    public void CreateSchema(ProjectionContext context) => context.Execute($"""
        CREATE TABLE {context.Table("programs")} (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL, status TEXT NOT NULL,
            organisations TEXT NOT NULL, version INTEGER NOT NULL, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL,
            state BLOB NOT NULL)
        """);

    public void Apply(ProjectionContext context, RecordedEvent recorded)
    {
        if (ProgramEvents.ProgramOf(recorded.Stream) is not { } id || ProgramEvents.FromRecorded(recorded) is not { } programEvent)
            return;
        var key = (context.Generation, id);
        var previous = _written.TryGetValue(key, out var known) && known.Version == recorded.Revision - 1 ? known : Stored(context, id);
        var state = ProgramState.Evolve(previous, id, programEvent, recorded.Revision, recorded.Created);
        if (_written.Count >= MaxCached)
            _written.Clear();
        _written[key] = state;
        context.Execute($"""
            INSERT INTO {context.Table("programs")} (id, name, kind, country, status, organisations, version, commit_position, prepare_position, state)
            VALUES ($id, $name, $kind, $country, $status, $organisations, $version, $commit, $prepare, $state)
            ON CONFLICT(id) DO UPDATE SET name = $name, kind = $kind, country = $country, status = $status, organisations = $organisations,
                version = $version, commit_position = $commit, prepare_position = $prepare, state = $state
            """,
            ("$id", id.Value), ("$name", state.Name), ("$kind", state.Kind.ToString()), ("$country", state.Country),
            ("$status", ProgramView.Status(state).ToString()), ("$organisations", OrganisationsColumn(state)), ("$version", state.Version),
            ("$commit", (long)recorded.Position.Commit), ("$prepare", (long)recorded.Position.Prepare), ("$state", ProgramStateJson.Write(state)));
    }

    private static ProgramState? Stored(ProjectionContext context, ProgramId id)
    {
        var read = context.Command($"SELECT state FROM {context.Table("programs")} WHERE id = $id");
        read.Parameters.AddWithValue("$id", id.Value);
        return read.ExecuteScalar() is byte[] stored ? ProgramStateJson.Read(stored) : null;
    }

    /// <summary>"|otokar|otocar|leonardo|": every active organisation name and alias, lower case, for LIKE filters.</summary>
    private static string OrganisationsColumn(ProgramState state) =>
        "|" + string.Join("|", ProgramView.Organisations(state).SelectMany(c => c.Aliases.Prepend(c.Organisation!)).Select(n => n.ToLowerInvariant()).Distinct()) + "|";
}
