using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// The embedded event log: one SQLite file in WAL mode, synchronous=FULL (an acknowledged append is on disk),
/// written by one group-committing writer and read by any number of pooled readers that never block it.
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    private readonly SqliteEventStoreOptions _options;
    private readonly StoreLock _lock;
    private readonly SqliteConnection _writerConnection;
    private readonly GroupCommitWriter _writer;
    private readonly Checkpointer _checkpointer;
    private readonly HeadWatch _head;
    private readonly CommittedTail _tail;
    private readonly string _readConnectionString;

    /// <summary>
    /// Often enough that the checkpoint an append's commit still makes (<see cref="Checkpointer"/>) finds little
    /// left to copy and sync: once a second, it stalled every append in flight for about 13 ms every 2 s under
    /// bench/commands.sh, a p99 of 22.7-24.5 ms against 20.6-21.6 ms at this interval (three interleaved pairs,
    /// the same CPU per command: the pages appends keep rewriting are copied more often, by the checkpointer's thread).
    /// </summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(100);

    private SqliteEventStore(SqliteEventStoreOptions options, StoreLock storeLock, SqliteConnection writerConnection, long head)
    {
        _options = options;
        _lock = storeLock;
        _writerConnection = writerConnection;
        _head = new HeadWatch(head);
        _tail = new CommittedTail(options.CommittedTailCapacity);
        _checkpointer = new Checkpointer(options.Path, "Registry log checkpointer", CheckpointInterval);
        _writer = new GroupCommitWriter(writerConnection, _head, _tail, options.MaxAppendsPerCommit, _checkpointer.Committed);
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = options.Path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
    }

    /// <summary>Opens (or creates) the log, refusing a file that is in use, damaged or from a newer schema.</summary>
    public static SqliteEventStore Open(SqliteEventStoreOptions options)
    {
        var path = Path.GetFullPath(options.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var storeLock = StoreLock.Acquire(path);
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            connection.Open();
            // Checkpoints run apart from the writer (Checkpointer, every CheckpointInterval), inside an append's
            // commit only when the log has grown 10,000 pages: that one lets the next commit rewind the log. An 8 MiB
            // page cache (reads of the file go through the memory map): with 128 MiB, SQLite's truncation of its page
            // cache (pcache1TruncateUnsafe) took 3% of the server's CPU under bench/commands.sh, for no faster appends.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -8192; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 10000;");
            if (options.VerifyOnOpen)
                Verify(connection, path);
            SqliteSchema.Migrate(connection, path);
            var head = SqliteSchema.Scalar(connection, "SELECT max(position) FROM events") is long last ? last : 0;
            return new SqliteEventStore(options with { Path = path }, storeLock, connection, head);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            storeLock.Dispose();
            throw new EventStoreUnavailableException($"The event log '{path}' cannot be opened: it is not a registry database or it is damaged (SQLite: {e.Message}).", e);
        }
        catch
        {
            connection?.Dispose();
            storeLock.Dispose();
            throw;
        }
    }

    private static void Verify(SqliteConnection connection, string path)
    {
        var result = SqliteSchema.Scalar(connection, "PRAGMA quick_check") as string;
        if (result != "ok")
            throw new EventStoreUnavailableException($"The event log '{path}' is damaged (quick_check: {result}). It was left untouched.");
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        if (events.Count > 1 && events.Select(e => e.EventId).Distinct().Count() != events.Count)
            throw new ArgumentException("An append names the same event id twice.", nameof(events));
        // Once queued the append is the writer's: cancelling would not stop it becoming durable.
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.AppendAsync(new AppendRequest(stream, expected, events));
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, Direction direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default) =>
        direction == Direction.Forwards
            ? ReadPagesAsync("stream = $key AND revision >= $from ORDER BY revision", stream, fromRevision, maxCount, e => e.Revision + 1, cancellationToken)
            : ReadPagesAsync("stream = $key AND revision <= $from ORDER BY revision DESC", stream, fromRevision, maxCount, e => e.Revision - 1, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(Direction direction, Position from, long maxCount, CancellationToken cancellationToken = default)
    {
        var start = (long)Math.Min(from.Commit, long.MaxValue);
        return direction == Direction.Forwards
            ? ReadPagesAsync("position >= $from ORDER BY position", null, start, maxCount, e => (long)e.Position.Commit + 1, cancellationToken)
            : ReadPagesAsync("position <= $from ORDER BY position DESC", null, start, maxCount, e => (long)e.Position.Commit - 1, cancellationToken);
    }

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(Position? checkpoint, SubscriptionFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = (long)(checkpoint?.Commit ?? 0);
        await foreach (var message in FollowAsync(after => ReadAllAfterAsync(after, cancellationToken), e => (long)e.Position.Commit, last, cancellationToken))
        {
            if (message is SubscriptionMessage.EventAppeared { Recorded: var e } && filter is not null && !filter.Matches(e.Stream, e.Type))
                continue;
            yield return message;
        }
    }

    /// <summary>A page of the log after <paramref name="after"/>: from the committed tail while it holds the next event, then from the file.</summary>
    private async IAsyncEnumerable<RecordedEvent> ReadAllAfterAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = _head.Head;
        var count = 0;
        while (after < head && count < _options.ReadPageSize && _tail.TryGet(after + 1, out var recorded))
        {
            yield return recorded;
            after++;
            count++;
        }
        if (after >= head || count == _options.ReadPageSize)
            yield break;
        await foreach (var recorded in ReadAllAsync(Direction.Forwards, Position.At((ulong)after + 1), _options.ReadPageSize - count, cancellationToken))
            yield return recorded;
    }

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToStreamAsync(string stream, long? afterRevision, CancellationToken cancellationToken = default) =>
        FollowAsync(
            after => ReadStreamAsync(stream, Direction.Forwards, after + 1, _options.ReadPageSize, cancellationToken),
            e => e.Revision, afterRevision ?? -1, cancellationToken);

    /// <summary>
    /// Catch-up then live, without a gap or a duplicate: always read from the last delivered place, and when a
    /// read comes back short, wait for the head to move past the head seen before that read.
    /// </summary>
    private async IAsyncEnumerable<SubscriptionMessage> FollowAsync(
        Func<long, IAsyncEnumerable<RecordedEvent>> readAfter, Func<RecordedEvent, long> placeOf, long last,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var caughtUp = false;
        while (true)
        {
            var headBeforeRead = _head.Head;
            var read = 0;
            await foreach (var recorded in readAfter(last).WithCancellation(cancellationToken))
            {
                read++;
                last = placeOf(recorded);
                yield return new SubscriptionMessage.EventAppeared(recorded);
            }

            if (read < _options.ReadPageSize)
            {
                if (!caughtUp)
                    yield return new SubscriptionMessage.CaughtUp(Position.At((ulong)Math.Max(headBeforeRead, 0)));
                caughtUp = true;
                await _head.WaitPastAsync(headBeforeRead, cancellationToken);
            }
            else
            {
                caughtUp = false;
            }
        }
    }

    public Task<Position> ReadHeadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Position.At((ulong)_head.Head));

    private async IAsyncEnumerable<RecordedEvent> ReadPagesAsync(string where, string? key, long from, long maxCount,
        Func<RecordedEvent, long> next, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = maxCount;
        while (remaining > 0 && from >= 0)
        {
            var page = await ReadPageAsync(where, key, from, (int)Math.Min(remaining, _options.ReadPageSize), cancellationToken);
            foreach (var recorded in page)
                yield return recorded;
            if (page.Count < Math.Min(remaining, _options.ReadPageSize))
                yield break;
            remaining -= page.Count;
            from = next(page[^1]);
        }
    }

    private async Task<List<RecordedEvent>> ReadPageAsync(string where, string? key, long from, int count, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT position, event_id, stream, revision, type, data, metadata, created FROM events WHERE {where} LIMIT $count";
        if (key is not null)
            command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // Sized for the usual read, a few events (a stream's newest, a follower just behind the committed tail), not a whole page.
        var page = new List<RecordedEvent>(Math.Min(count, 64));
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new RecordedEvent(
                new Guid(reader.GetFieldValue<byte[]>(1)),
                reader.GetString(2),
                reader.GetInt64(3),
                Position.At((ulong)reader.GetInt64(0)),
                reader.GetString(4),
                reader.GetFieldValue<byte[]>(5),
                reader.GetFieldValue<byte[]>(6),
                new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero)));
        }
        return page;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _checkpointer.DisposeAsync();
        await _writerConnection.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
        _lock.Dispose();
    }
}
