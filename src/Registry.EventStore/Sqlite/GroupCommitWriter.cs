using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Sqlite;

/// <summary>
/// The one writer of the log. Appends queue up while a commit is under way and then go together into the
/// next transaction, so concurrent writers share one sync instead of queueing behind one sync each. Every
/// append still succeeds or fails on its own: each runs inside its own savepoint.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<AppendRequest> _queue = Channel.CreateUnbounded<AppendRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly HeadWatch _head;
    private readonly int _maxBatch;
    private readonly StreamRevisions _revisions;
    private readonly LogStatements _sql;
    private readonly Task _loop;

    public GroupCommitWriter(SqliteConnection connection, HeadWatch head, int maxBatch)
    {
        _connection = connection;
        _head = head;
        _maxBatch = maxBatch;
        _sql = new LogStatements(connection);
        _revisions = new StreamRevisions(_sql);
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task<AppendResult> AppendAsync(AppendRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
            throw new ObjectDisposedException(nameof(SqliteEventStore), "The event store is closed.");
        return request.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<AppendRequest>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
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
        var created = DateTimeOffset.UtcNow;
        try
        {
            using (var transaction = _connection.BeginTransaction())
            {
                _sql.Enlist(transaction);
                foreach (var request in batch)
                    head = Apply(request, head, created);
                transaction.Commit();
            }
            _revisions.Commit();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            _revisions.Discard();
            foreach (var request in batch)
                request.Completion.TrySetException(new EventStoreUnavailableException("The event log could not commit: " + e.Message, e));
            return;
        }

        _head.Advance(head);
        foreach (var request in batch)
        {
            if (request.Error is not null)
                request.Completion.TrySetException(request.Error);
            else
                request.Completion.TrySetResult(request.Result!.Value);
        }
    }

    /// <summary>Writes one append inside the open transaction; returns the new head.</summary>
    private long Apply(AppendRequest request, long head, DateTimeOffset created)
    {
        var current = _revisions.Get(request.Stream);
        if (!request.Expected.IsSatisfiedBy(current))
        {
            request.Result = _sql.FindRetry(request);
            if (request.Result is null)
                request.Error = new WrongExpectedRevisionException(request.Stream, request.Expected, current);
            return head;
        }

        var start = head;
        _sql.Savepoint();
        try
        {
            var revision = current ?? -1;
            foreach (var data in request.Events)
                _sql.Insert(++head, data, request.Stream, ++revision, created);
            _sql.Release();
            _revisions.Set(request.Stream, revision);
            request.Result = new AppendResult(revision, Position.At((ulong)head));
            return head;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT: an event id already stored */)
        {
            _sql.RollbackToSavepoint();
            request.Result = _sql.FindRetry(request);
            if (request.Result is null)
                request.Error = _sql.DescribeConflict(request);
            return start;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _sql.Dispose();
    }
}
