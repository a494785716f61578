using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.EventStore;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests;
using Registry.Projections;
using Registry.Server.Programs.Queries;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Tests;

/// <summary>
/// The programmes read model after a restart: a new process knows no state, so the next event of a programme
/// is applied to the state read back from its rows, and the result must equal the fold of its stream.
/// </summary>
public sealed class ProgramsProjectionTests
{
    private static readonly ProgramId Id = ProgramId.Parse("kz-restart-test");
    private static readonly Provenance Source = new("Defence Daily", "https://example.org/a", "Plant news", PartialDate.OfMonth(2024, 5), "en",
        SourceType.News, 'B', 2, "The turret carries a 120 mm gun.");

    [Fact]
    public async Task A_projection_restarted_without_its_cache_continues_from_the_stored_rows_and_equals_the_fold_of_the_log()
    {
        using var folder = new TempFolder();
        await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = folder.File("events.db") });
        using var database = new ReadModelDatabase(folder.File("read-models.db"));
        await AppendAsync(store,
            new ProgramAnnounced(ClaimId.Parse("announced"), "Tulpar light tank", ProgramKind.LightTank, "KZ", PartialDate.OfYear(2026), Certainty.Reported, Source, null),
            Calibre("turret-120", 120), Calibre("turret-105", 105),
            new OrganisationRoleReported(ClaimId.Parse("otokar"), "Otokar", ["Otocar"], "TR", OrganisationRole.PlatformLicensor, Certainty.Reported, Source, null));
        await ProjectUntilLiveAsync(store, database);

        // Later events change claims the first run wrote: a ranking, a denial, and one more claim.
        await AppendAsync(store,
            new ClaimRanked(ClaimId.Parse("turret-105"), Rank.Preferred, "operator-1", "the manufacturer's brochure says 105 mm"),
            new ReportDenied(ClaimId.Parse("denial"), [ClaimId.Parse("turret-120")], "Ministry of Defence", "No 120 mm gun is planned.", Source, null),
            Calibre("turret-105-again", 105));
        await ProjectUntilLiveAsync(store, database);

        var stored = new ProgramReadModel(database).Find(Id) ?? throw new InvalidOperationException("The programme is not in the read model.");
        var log = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(Id.Stream, Direction.Forwards, 0, long.MaxValue))
            log.Add(recorded);
        Assert.Equal(Json(ProgramEvents.Fold(Id, log)!), Json(stored.State));
        Assert.Equal(6, stored.State.Claims.Count);
        Assert.Equal(log[^1].Position, stored.Position);
    }

    [Fact]
    public async Task The_status_and_organisation_columns_kept_from_event_to_event_equal_those_worked_out_from_the_whole_state()
    {
        using var folder = new TempFolder();
        await using var store = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = folder.File("events.db") });
        using var database = new ReadModelDatabase(folder.File("read-models.db"));
        // One projection instance through all of them: each event after the first starts from the columns it kept.
        await AppendAsync(store,
            new ProgramAnnounced(ClaimId.Parse("announced"), "Tulpar light tank", ProgramKind.LightTank, "KZ", PartialDate.OfYear(2026), Certainty.Reported, Source, null),
            new OrganisationRoleReported(ClaimId.Parse("otokar"), "Otokar", ["Otocar"], "TR", OrganisationRole.PlatformLicensor, Certainty.Reported, Source, null),
            new LifecycleReported(ClaimId.Parse("planned"), LifecycleStage.ProductionPlanned, PartialDate.OfYear(2026), null, Certainty.Reported, Source, null),
            Calibre("turret-120", 120),
            new LifecycleReported(ClaimId.Parse("started"), LifecycleStage.ProductionStarted, PartialDate.OfYear(2026), null, Certainty.Reported, Source, null),
            Calibre("turret-105", 105),
            // The denial adds a claim of another kind and changes the lifecycle claim it denies: the status falls back.
            new ReportDenied(ClaimId.Parse("denial"), [ClaimId.Parse("started")], "Ministry of Defence", "Production has not started.", Source, null),
            Calibre("turret-125", 125),
            new ClaimRetracted(ClaimId.Parse("otokar"), "entered in error", "operator-1"),
            new OrganisationRoleReported(ClaimId.Parse("leonardo"), "Leonardo", [], "IT", OrganisationRole.PlatformLicensor, Certainty.Reported, Source, null),
            Calibre("turret-100", 100));
        await ProjectUntilLiveAsync(store, database);

        var log = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(Id.Stream, Direction.Forwards, 0, long.MaxValue))
            log.Add(recorded);
        var folded = ProgramEvents.Fold(Id, log)!;
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT status, organisations FROM {ProgramsProjection.ProgramsView} WHERE id = $id";
        command.Parameters.AddWithValue("$id", Id.Value);
        using var row = command.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(Domain.State.ProgramView.Status(folded).ToString(), row.GetString(0));
        Assert.Equal(LifecycleStage.ProductionPlanned, Domain.State.ProgramView.Status(folded));
        Assert.Equal("|leonardo|", row.GetString(1));
    }

    [Fact]
    public async Task A_projection_taking_the_states_another_follower_worked_out_by_itself_writes_the_fold_of_the_log()
    {
        using var folder = new TempFolder();
        await using var log = SqliteEventStore.Open(new SqliteEventStoreOptions { Path = folder.File("events.db") });
        var store = new OneInstancePerEvent(log);
        using var database = new ReadModelDatabase(folder.File("read-models.db"));
        await AppendAsync(log,
            new ProgramAnnounced(ClaimId.Parse("announced"), "Tulpar light tank", ProgramKind.LightTank, "KZ", PartialDate.OfYear(2026), Certainty.Reported, Source, null),
            Calibre("turret-120", 120), Calibre("turret-105", 105),
            new ClaimRanked(ClaimId.Parse("turret-105"), Rank.Preferred, "operator-1", "the manufacturer's brochure says 105 mm"),
            new ReportDenied(ClaimId.Parse("denial"), [ClaimId.Parse("turret-120")], "Ministry of Defence", "No 120 mm gun is planned.", Source, null),
            Calibre("turret-125", 125),
            new ClaimRetracted(ClaimId.Parse("denial"), "entered in error", "operator-1"));
        var events = await store.EventsAsync();

        // Another follower (as the state publisher) starts at the third event: it reads the state before it from the
        // stream, so its states are other objects than the projection's, from there on.
        var other = new FollowedStates(log);
        var theirs = new List<Domain.State.ProgramState>();
        foreach (var recorded in events.Skip(2))
            theirs.Add(await other.NextAsync(Id, ProgramEvents.FromRecorded(recorded)!, recorded, CancellationToken.None));
        var current = new CurrentPrograms();
        await ProjectedOnce.UntilLiveAsync(store, database, new ProgramsProjection(current));

        var stored = new ProgramReadModel(database).Find(Id) ?? throw new InvalidOperationException("The programme is not in the read model.");
        Assert.Equal(Json(ProgramEvents.Fold(Id, events)!), Json(stored.State));
        Assert.Equal(5, stored.State.Claims.Count);
        // After the first event it took over, the projection went on from the other follower's states.
        Assert.Same(theirs[^1].Claims, current.FindState(Id)?.Claims);
    }

    private static AttributeReported Calibre(string claimId, decimal millimetres) =>
        new(ClaimId.Parse(claimId), "turret_calibre", new ClaimValue.Quantity(millimetres, "mm"), null, Certainty.Reported, Source, null);

    /// <summary>A fresh projection instance each time, as in a new process.</summary>
    private static Task ProjectUntilLiveAsync(SqliteEventStore store, ReadModelDatabase database) =>
        ProjectedOnce.UntilLiveAsync(store, database, new ProgramsProjection());

    private static async Task AppendAsync(SqliteEventStore store, params IProgramEvent[] events)
    {
        foreach (var programEvent in events)
        {
            var commandId = $"cmd-{Guid.NewGuid():N}";
            await store.AppendAsync(Id.Stream, ExpectedRevision.Any,
                [ProgramEvents.ToEventData(programEvent, Guid.NewGuid(), new EventMetadata(commandId, "test", commandId, commandId, null, 1))]);
        }
    }

    /// <summary>The log as the shared reader hands it to followers: one instance of each event, whoever reads it.</summary>
    private sealed class OneInstancePerEvent(SqliteEventStore log) : IEventStore
    {
        private readonly Dictionary<Position, RecordedEvent> _instances = [];

        public async Task<List<RecordedEvent>> EventsAsync()
        {
            var events = new List<RecordedEvent>();
            await foreach (var recorded in ReadAllAsync(Direction.Forwards, Position.Start, long.MaxValue))
                events.Add(recorded);
            return events;
        }

        private RecordedEvent Instance(RecordedEvent recorded)
        {
            lock (_instances)
                return _instances.TryGetValue(recorded.Position, out var known) ? known : _instances[recorded.Position] = recorded;
        }

        public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var recorded in log.ReadAllAsync(direction, from, maxCount, cancellationToken))
                yield return Instance(recorded);
        }

        public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var message in log.SubscribeToAllAsync(checkpoint, filter, cancellationToken))
                yield return message is SubscriptionMessage.EventAppeared appeared ? new SubscriptionMessage.EventAppeared(Instance(appeared.Recorded)) : message;
        }

        public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
            log.AppendAsync(stream, expected, events, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default) =>
            log.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

        public IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default) =>
            log.SubscribeToStreamAsync(stream, afterRevision, cancellationToken);

        public Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default) => log.ReadHeadAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static string Json(Domain.State.ProgramState state) => JsonSerializer.Serialize(state, DomainJson.Options);
}
