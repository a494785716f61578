using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Registry.EventStore;

namespace Registry.Projections.Publishing.Leases;

/// <summary>
/// A publisher's lease kept in the event store, in the stream <c>registry-lease-{publisher}</c>: taken, renewed
/// and released by appends with an expected revision. Time is only ever measured on this process's own
/// monotonic clock, never compared across machines: a standby takes a lease whose stream has not moved for the
/// time to live since it first saw it there; a holder's right to publish ends the time to live (less a margin)
/// after it sent its last successful renewal. So the holder always stops before a standby could start.
/// </summary>
public sealed partial class LogLease(IEventStore store, string publisher, string instance, LeaseOptions options, ILogger<LogLease> logger) : IPublisherLease
{
    private readonly IEventStore _store = store;
    private readonly string _publisher = publisher;
    private readonly string _instance = instance;
    private readonly LeaseOptions _options = options;
    private readonly ILogger _logger = logger;
    private volatile LeaseView _view = LeaseView.Nobody;

    public string Stream { get; } = StreamOf(publisher);

    public LeaseView View => _view;

    public static string StreamOf(string publisher) => "registry-lease-" + publisher;

    public async Task<LeaseTerm> AcquireAsync(CancellationToken cancellationToken)
    {
        long? seenRevision = null;
        var seenAt = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                var last = await ReadLastAsync(cancellationToken).ConfigureAwait(false);
                if (last?.Revision != seenRevision)
                {
                    seenRevision = last?.Revision;
                    seenAt = Stopwatch.GetTimestamp();
                    _view = last is { Record: var record } && !record.IsReleased
                        ? new LeaseView(false, record.Holder, record.Since, record.Checkpoint)
                        : new LeaseView(false, null, null, last?.Record.Checkpoint ?? Position.Start);
                }
                var free = last is null || last.Value.Record.IsReleased || Stopwatch.GetElapsedTime(seenAt) >= _options.TimeToLive;
                if (free && await TryTakeAsync(last, cancellationToken).ConfigureAwait(false) is { } term)
                    return term;
            }
            catch (EventStoreException e)
            {
                LogCannotRead(_publisher, e.Message);
            }
            await Task.Delay(_options.PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<LeaseTerm?> TryTakeAsync((long Revision, LeaseRecord Record)? last, CancellationToken cancellationToken)
    {
        var resumeFrom = last?.Record.Checkpoint ?? Position.Start;
        var since = DateTimeOffset.UtcNow;
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            var expected = last is { Revision: var revision } ? ExpectedRevision.Exact(revision) : ExpectedRevision.NoStream;
            var appended = await _store.AppendAsync(Stream, expected, [LeaseRecord.Held(_instance, since, resumeFrom).ToEvent()], cancellationToken).ConfigureAwait(false);
            LogTaken(_publisher, _instance, last?.Record.Holder is { Length: > 0 } previous ? previous : "nobody");
            _view = new LeaseView(true, _instance, since, resumeFrom);
            return new HolderTerm(this, appended.NextExpectedRevision, since, resumeFrom, sentAt);
        }
        catch (WrongExpectedRevisionException)
        {
            return null; // another instance took it first
        }
    }

    private async Task<(long Revision, LeaseRecord Record)?> ReadLastAsync(CancellationToken cancellationToken)
    {
        await foreach (var recorded in _store.ReadStreamAsync(Stream, Direction.Backwards, long.MaxValue, 1, cancellationToken).ConfigureAwait(false))
            return LeaseRecord.From(recorded) is { } record ? (recorded.Revision, record) : null;
        return null;
    }

    /// <summary>A holding: renews in the background, carries the confirmed checkpoint, and ends itself when it may no longer publish.</summary>
    private sealed class HolderTerm : LeaseTerm
    {
        private readonly LogLease _lease;
        private readonly DateTimeOffset _since;
        private readonly CancellationTokenSource _ended = new();
        private readonly CancellationTokenSource _disposing = new();
        private readonly Task _renewing;
        private readonly Lock _lock = new();
        private long _revision;
        private long _validUntil;
        private Position _confirmed;

        public HolderTerm(LogLease lease, long revision, DateTimeOffset since, Position resumeFrom, long sentAt)
        {
            _lease = lease;
            _revision = revision;
            _since = since;
            ResumeFrom = resumeFrom;
            _confirmed = resumeFrom;
            Extend(sentAt);
            _renewing = Task.Run(RenewAsync);
        }

        public override Position ResumeFrom { get; }

        public override CancellationToken Ended => _ended.Token;

        public override bool MayPublish => !_ended.IsCancellationRequested && Stopwatch.GetTimestamp() < Volatile.Read(ref _validUntil);

        public override void Confirmed(Position checkpoint)
        {
            lock (_lock)
            {
                if (checkpoint > _confirmed)
                    _confirmed = checkpoint;
            }
        }

        private Position ConfirmedSoFar()
        {
            lock (_lock)
                return _confirmed;
        }

        /// <summary>The right to publish lasts the time to live less the margin, from the moment the last successful renewal was sent.</summary>
        private void Extend(long sentAt)
        {
            var options = _lease._options;
            var validUntil = sentAt + (long)((options.TimeToLive - options.Margin).TotalSeconds * Stopwatch.Frequency);
            Volatile.Write(ref _validUntil, validUntil);
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), validUntil);
            if (left <= TimeSpan.Zero)
                _ended.Cancel();
            else
                _ended.CancelAfter(left);
        }

        private async Task RenewAsync()
        {
            var options = _lease._options;
            var wait = options.RenewEvery;
            while (!_ended.IsCancellationRequested && !_disposing.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(wait, _ended.Token).WaitAsync(_disposing.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                var sentAt = Stopwatch.GetTimestamp();
                try
                {
                    var record = LeaseRecord.Held(_lease._instance, _since, ConfirmedSoFar());
                    var appended = await _lease._store.AppendAsync(_lease.Stream, ExpectedRevision.Exact(_revision), [record.ToEvent()], _ended.Token).ConfigureAwait(false);
                    _revision = appended.NextExpectedRevision;
                    Extend(sentAt);
                    _lease._view = new LeaseView(true, _lease._instance, _since, record.Checkpoint);
                    wait = options.RenewEvery;
                }
                catch (WrongExpectedRevisionException)
                {
                    _lease.LogLost(_lease._publisher, _lease._instance);
                    await _ended.CancelAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_ended.IsCancellationRequested)
                {
                    _lease.LogExpired(_lease._publisher, _lease._instance);
                }
                catch (EventStoreException e)
                {
                    // Try again soon; if no renewal succeeds in time, the term ends by itself (Extend's timer).
                    _lease.LogCannotRenew(_lease._publisher, e.Message);
                    wait = TimeSpan.FromMilliseconds(Math.Min(200, options.RenewEvery.TotalMilliseconds));
                }
            }
            if (_ended.IsCancellationRequested)
                _lease._view = _lease._view with { Held = false };
        }

        /// <summary>A graceful stop releases the lease, so that a standby takes it at once rather than after the time to live.</summary>
        public override async ValueTask DisposeAsync()
        {
            await _disposing.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            if (MayPublish)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    var released = LeaseRecord.Held(string.Empty, _since, ConfirmedSoFar());
                    await _lease._store.AppendAsync(_lease.Stream, ExpectedRevision.Exact(_revision), [released.ToEvent()], timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is EventStoreException or OperationCanceledException)
                {
                    // Not released: a standby takes it after the time to live.
                }
            }
            await _ended.CancelAsync().ConfigureAwait(false);
            _lease._view = _lease._view with { Held = false };
            _ended.Dispose();
            _disposing.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publisher {Publisher}: this instance ({Instance}) took the lease from {Previous} and publishes")]
    private partial void LogTaken(string publisher, string instance, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher {Publisher}: another instance took the lease; this instance ({Instance}) stops publishing and stands by")]
    private partial void LogLost(string publisher, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher {Publisher}: this instance ({Instance}) could not renew its lease in time and stops publishing")]
    private partial void LogExpired(string publisher, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher {Publisher}: renewing the lease failed ({Error}); trying again")]
    private partial void LogCannotRenew(string publisher, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publisher {Publisher}: the lease cannot be read ({Error}); trying again")]
    private partial void LogCannotRead(string publisher, string error);
}
