namespace Registry.EventStore.SharedReader;

/// <summary>
/// The readers waiting on an <see cref="EventWindow"/>, found by the streams they wait for. Most wait for a few
/// streams by name (a watch of some programmes): an event looks up the waiters of each stream prefix it begins
/// with, one lookup per distinct prefix length, instead of asking every waiter's filter about every event (with
/// a thousand watchers, that was most of what announcing cost). Waiters without a stream prefix are asked about
/// every event. Not thread-safe: the window's lock guards it.
/// </summary>
internal sealed class WaitingReaders
{
    private readonly HashSet<Waiter> _all = [];
    private readonly HashSet<Waiter> _unindexed = [];
    private readonly Dictionary<string, HashSet<Waiter>> _byStreamPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Waiter>>.AlternateLookup<ReadOnlySpan<char>> _byStreamPrefixText;
    private readonly Dictionary<int, int> _prefixesOfLength = [];
    private readonly List<Waiter> _matched = [];
    private int[] _prefixLengths = [];

    // No waiter's sequence is lower (a bound, exact after each TakeBehind): spares most announcements a pass over every waiter.
    private long _lowestSequence = long.MaxValue;

    public WaitingReaders() => _byStreamPrefixText = _byStreamPrefix.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _all.Count;

    public void Add(Waiter waiter)
    {
        if (!_all.Add(waiter))
            return;
        _lowestSequence = Math.Min(_lowestSequence, waiter.Sequence);
        if (waiter.Filter is not { StreamPrefixes.Count: > 0 } filter)
        {
            _unindexed.Add(waiter);
            return;
        }
        foreach (var prefix in filter.StreamPrefixes)
        {
            if (!_byStreamPrefix.TryGetValue(prefix, out var waiters))
            {
                _byStreamPrefix[prefix] = waiters = [];
                CountPrefixLength(prefix.Length, +1);
            }
            waiters.Add(waiter);
        }
    }

    /// <summary>Takes the waiter off every list; false when it was not waiting (woken already).</summary>
    public bool Remove(Waiter waiter)
    {
        if (!_all.Remove(waiter))
            return false;
        if (waiter.Filter is not { StreamPrefixes.Count: > 0 } filter)
        {
            _unindexed.Remove(waiter);
            return true;
        }
        foreach (var prefix in filter.StreamPrefixes)
        {
            if (_byStreamPrefix.TryGetValue(prefix, out var waiters) && waiters.Remove(waiter) && waiters.Count == 0)
            {
                _byStreamPrefix.Remove(prefix);
                CountPrefixLength(prefix.Length, -1);
            }
        }
        return true;
    }

    /// <summary>Moves the waiters that the event at <paramref name="sequence"/> concerns (it is at or after their sequence and passes their filter) into <paramref name="woken"/>.</summary>
    public void TakeConcerned(RecordedEvent recorded, long sequence, List<Waiter> woken)
    {
        var stream = recorded.Stream;
        foreach (var length in _prefixLengths)
        {
            if (length <= stream.Length && _byStreamPrefixText.TryGetValue(stream.AsSpan(0, length), out var waiters))
                Match(waiters, recorded, sequence);
        }
        Match(_unindexed, recorded, sequence);
        TakeMatched(woken);
    }

    /// <summary>
    /// Moves into <paramref name="woken"/> the waiters the window has dropped events of (their sequence below
    /// <paramref name="first"/>) or moved <paramref name="distance"/> events past (a reader of a quiet stream moves on too).
    /// </summary>
    public void TakeBehind(long first, long next, long distance, List<Waiter> woken)
    {
        if (_lowestSequence >= first && next - 1 - _lowestSequence < distance)
            return;
        _lowestSequence = long.MaxValue;
        foreach (var waiter in _all)
        {
            if (waiter.IsBehind(first, next, distance))
                _matched.Add(waiter);
            else
                _lowestSequence = Math.Min(_lowestSequence, waiter.Sequence);
        }
        TakeMatched(woken);
    }

    /// <summary>Takes every waiter off the lists.</summary>
    public Waiter[] TakeAll()
    {
        Waiter[] all = [.. _all];
        _all.Clear();
        _unindexed.Clear();
        _byStreamPrefix.Clear();
        _prefixesOfLength.Clear();
        _prefixLengths = [];
        _lowestSequence = long.MaxValue;
        return all;
    }

    private void Match(HashSet<Waiter> waiters, RecordedEvent recorded, long sequence)
    {
        foreach (var waiter in waiters)
        {
            if (sequence >= waiter.Sequence && waiter.Wants(recorded))
                _matched.Add(waiter);
        }
    }

    // Taken off the lists once every set has been looked at (a set cannot change while it is enumerated); a waiter
    // under two of the event's prefixes is matched twice and woken once.
    private void TakeMatched(List<Waiter> woken)
    {
        foreach (var waiter in _matched)
        {
            if (Remove(waiter))
                woken.Add(waiter);
        }
        _matched.Clear();
    }

    private void CountPrefixLength(int length, int change)
    {
        var count = _prefixesOfLength.GetValueOrDefault(length) + change;
        if (count > 0)
        {
            _prefixesOfLength[length] = count;
            if (count == 1 && change > 0)
                _prefixLengths = [.. _prefixesOfLength.Keys];
            return;
        }
        _prefixesOfLength.Remove(length);
        _prefixLengths = [.. _prefixesOfLength.Keys];
    }

    /// <summary>A reader waiting for the events from <see cref="Sequence"/> on that pass its filter.</summary>
    internal sealed class Waiter(long sequence, SubscriptionFilter? filter)
    {
        public long Sequence { get; } = sequence;

        public SubscriptionFilter? Filter { get; } = filter;

        public TaskCompletionSource Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether the event passes the waiter's filter.</summary>
        public bool Wants(RecordedEvent recorded) => Filter is null || Filter.Matches(recorded.Stream, recorded.Type);

        /// <summary>Whether the window (events <paramref name="first"/> to <paramref name="next"/>) dropped events the waiter has not read, or moved <paramref name="distance"/> events past it.</summary>
        public bool IsBehind(long first, long next, long distance) => Sequence < first || next - 1 - Sequence >= distance;
    }
}
