using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Projections;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// The read model behind the queries: a row per programme with the columns lists filter on (country, kind,
/// status, every organisation name and alias), and a row per claim. An event rewrites only the claims it
/// changed, so its cost does not grow with the number of claims a programme has gathered.
/// </summary>
internal sealed class ProgramsProjection(CurrentPrograms? current = null) : ISqliteProjection
{
    public const string ProjectionName = "programs";
    public const string ProgramsView = "programs_programs";
    public const string ClaimsView = "programs_claims";
    private const int MaxCached = 10_000;

    // The states last written, per generation: the next event of a programme usually follows the one just
    // applied, so its rows need not be read back. A state is used only when it is exactly one revision
    // behind the event, so a batch that was rolled back and retried reads the rows again.
    // Generations (live and rebuilding) apply on their own threads; a lock is cheaper here than asking a
    // ConcurrentDictionary for its Count, which takes every one of its locks.
    private readonly Dictionary<(long Generation, ProgramId Id), Written> _written = [];

    public string Name => ProjectionName;
    public int Version => 2;
    public SubscriptionFilter? Filter { get; } = SubscriptionFilter.OnStreamPrefix("program-");
    public IReadOnlyList<string> Tables { get; } = ["programs", "claims"];

    public void CreateSchema(ProjectionContext context) => context.Execute($"""
        CREATE TABLE {context.Table("programs")} (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL, status TEXT NOT NULL,
            organisations TEXT NOT NULL, version INTEGER NOT NULL, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL);
        CREATE TABLE {context.Table("claims")} (program_id TEXT NOT NULL, ordinal INTEGER NOT NULL, claim BLOB NOT NULL, UNIQUE (program_id, ordinal));
        """);

    public void Apply(ProjectionContext context, RecordedEvent recorded)
    {
        if (ProgramEvents.ProgramOf(recorded.Stream) is not { } id || ProgramEvents.FromRecorded(recorded) is not { } programEvent)
            return;
        var key = (context.Generation, id);
        Written? known;
        lock (_written)
            _written.TryGetValue(key, out known);
        var fromMemory = known?.State.Version == recorded.Revision - 1 ? known : null;
        var previous = fromMemory?.State ?? Stored(context, id);
        // The publishers usually worked this state out already: taking theirs keeps one copy of each claim in memory,
        // not one per follower. Theirs is used as it stands only if it was made from the state written last (so the
        // claims to rewrite are known without comparing); otherwise this projection works the rows out from its own,
        // and keeps theirs (the same claims, other objects) to go on from.
        var shared = FollowedStates.TryGetShared(recorded, out var theirs) ? theirs : null;
        var state = shared is not null && shared.WasMadeFrom(previous)
            ? shared
            : ProgramState.Evolve(previous, id, programEvent, recorded.Revision, recorded.Created);
        var changed = state.ChangedSince(previous);
        // The status and the organisations column depend only on lifecycle and organisation claims (each walks every
        // claim): an event that changed neither kind keeps the ones written before it.
        string Column(ClaimKind kind, string? before, Func<string> workOut) =>
            before is not null && !changed.Any(c => c.Claim.Kind == kind) ? before : workOut();
        var written = new Written(shared ?? state,
            Column(ClaimKind.Lifecycle, fromMemory?.Status, () => ProgramView.Status(state).ToString()),
            Column(ClaimKind.OrganisationRole, fromMemory?.Organisations, () => OrganisationsColumn(state)));
        lock (_written)
        {
            if (_written.Count >= MaxCached)
                _written.Clear();
            _written[key] = written;
        }

        context.Statement(UpsertProgram)
            .Bind(1, id.Value).Bind(2, state.Name).Bind(3, state.Kind.ToString()).Bind(4, state.Country).Bind(5, written.Status)
            .Bind(6, written.Organisations).Bind(7, state.Version).Bind(8, (long)recorded.Position.Commit).Bind(9, (long)recorded.Position.Prepare)
            .Execute();
        foreach (var (ordinal, claim) in changed)
            context.Statement(UpsertClaim).Bind(1, id.Value).Bind(2, ordinal).Bind(3, ProgramRows.WriteClaim(claim)).Execute();
        if (current is not null)
            context.AfterCommit(() => current.Offer(state, recorded.Position));
    }

    private const string UpsertProgram = """
        INSERT INTO {programs} (id, name, kind, country, status, organisations, version, commit_position, prepare_position)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        ON CONFLICT(id) DO UPDATE SET name = ?2, kind = ?3, country = ?4, status = ?5, organisations = ?6,
            version = ?7, commit_position = ?8, prepare_position = ?9
        """;

    private const string UpsertClaim = "INSERT OR REPLACE INTO {claims} (program_id, ordinal, claim) VALUES (?1, ?2, ?3)";

    /// <summary>A state as last written, with the two columns that are costly to work out.</summary>
    private sealed record Written(ProgramState State, string Status, string Organisations);

    private static ProgramState? Stored(ProjectionContext context, ProgramId id)
    {
        var header = context.Command($"SELECT {ProgramRows.HeaderColumns} FROM {context.Table("programs")} WHERE id = $id");
        header.Parameters.AddWithValue("$id", id.Value);
        using var headerReader = header.ExecuteReader();
        var claims = context.Command($"SELECT program_id, claim FROM {context.Table("claims")} WHERE program_id = $id ORDER BY ordinal");
        claims.Parameters.AddWithValue("$id", id.Value);
        using var claimsReader = claims.ExecuteReader();
        return ProgramRows.Read(headerReader, claimsReader).SingleOrDefault()?.State;
    }

    /// <summary>"|otokar|otocar|leonardo|": every active organisation name and alias, lower case, for LIKE filters.</summary>
    private static string OrganisationsColumn(ProgramState state) =>
        "|" + string.Join("|", ProgramView.Organisations(state).SelectMany(c => c.Aliases.Prepend(c.Organisation!)).Select(n => n.ToLowerInvariant()).Distinct()) + "|";
}
