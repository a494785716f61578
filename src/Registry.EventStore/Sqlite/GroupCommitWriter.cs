using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// The one writer of the log. Appends queue up while a commit is under way and then go together into the
/// next transaction, so concurrent writers share one sync instead of queueing behind one sync each. Each
/// append is decided on its own (retry, wrong revision, or written); the batch commits or fails as one.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<AppendRequest> _queue = Channel.CreateUnbounded<AppendRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly HeadWatch _head;
    private readonly int _maxBatch;
    private readonly Action _committed;
    private readonly LogStatements _sql;
    private readonly StreamStates _streams;
    private readonly CommittedTail _tail;
    private readonly List<RecordedEvent> _committing = [];
    private readonly DiskThread _thread = new("Registry log writer");
    private readonly Task _loop;

    public GroupCommitWriter(SqliteConnection connection, HeadWatch head, CommittedTail tail, int maxBatch, Action committed)
    {
        _connection = connection;
        _head = head;
        _tail = tail;
        _maxBatch = maxBatch;
        _committed = committed;
        _sql = new LogStatements(connection);
        _streams = new StreamStates(_sql);
        _loop = _thread.RunAsync(Run);
    }

    public Task<AppendResult> AppendAsync(AppendRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
            throw new ObjectDisposedException(nameof(SqliteEventStore), "The event store is closed.");
        return request.Completion.Task;
    }

    /// <summary>On a thread of its own (<see cref="DiskThread"/>): a commit waits for the disk's sync.</summary>
    private void Run()
    {
        var batch = new List<AppendRequest>(_maxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var request))
                batch.Add(request);
            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<AppendRequest> batch)
    {
        var head = _head.Head;
        // As the log stores it (UTC ticks), so that an event taken from the tail equals the one read back.
        var created = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks, TimeSpan.Zero);
        _committing.Clear();
        try
        {
            using (var transaction = _connection.BeginTransaction())
            {
                _sql.Enlist(transaction);
                foreach (var request in batch)
                    head = Apply(request, head, created);
                transaction.Commit();
            }
            _streams.Commit();
        }
        catch (SqliteException e)
        {
            _streams.Discard();
            foreach (var request in batch)
                request.Completion.TrySetException(new EventStoreUnavailableException("The event log could not commit: " + e.Message, e));
            return;
        }

        foreach (var recorded in _committing)
            _tail.Add(recorded);
        _head.Advance(head);
        _committed();
        foreach (var request in batch)
        {
            if (request.Error is not null)
                request.Completion.TrySetException(request.Error);
            else
                request.Completion.TrySetResult(request.Result!.Value);
        }
    }

    /// <summary>Decides one append inside the open transaction, writing it when it is new; returns the new head.</summary>
    private long Apply(AppendRequest request, long head, DateTimeOffset created)
    {
        var state = _streams.Get(request.Stream);
        if (RetryDetection.TryDecide(request, state, _sql))
            return head;
        if (!request.Expected.IsSatisfiedBy(state?.Revision))
        {
            request.Error = new WrongExpectedRevisionException(request.Stream, request.Expected, state?.Revision);
            return head;
        }

        var revision = state?.Revision ?? -1;
        var appended = new StoredEvent[request.Events.Count];
        for (var i = 0; i < appended.Length; i++)
        {
            var data = request.Events[i];
            _sql.Insert(++head, data, request.Stream, ++revision, created);
            appended[i] = new StoredEvent(data.EventId, revision, head);
            _committing.Add(new RecordedEvent(data.EventId, request.Stream, revision, Position.At((ulong)head), data.Type, data.Data, data.Metadata, created));
        }
        _streams.Set(request.Stream, state?.With(appended) ?? new StreamState(revision, appended));
        request.Result = new AppendResult(revision, Position.At((ulong)head));
        return head;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _thread.Dispose();
        _sql.Dispose();
    }
}
