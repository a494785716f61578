namespace Registry.EventStore.SharedReader;

/// <summary>
/// The newest events of the global log, in order, up to a capacity: once opened, every event after
/// <c>floor</c> is held, and the floor moves up as the oldest events make room. Readers keep a sequence
/// number into it; a waiting reader is woken only by an event its filter lets through, or when the window
/// has moved half its size past it (so that a reader of a quiet stream keeps up without reading the log again).
/// Waiting readers are found by the streams they wait for (<see cref="WaitingReaders"/>).
/// </summary>
internal sealed class EventWindow(int capacity)
{
    private readonly object _gate = new();
    private readonly RecordedEvent[] _ring = new RecordedEvent[capacity];
    private readonly PackedCopies _copies = new();
    private readonly WaitingReaders _waiting = new();
    private long _first;
    private long _next;
    private long _announced;
    private Position? _floor;
    private Exception? _fault;

    public bool IsOpen
    {
        get
        {
            lock (_gate)
                return _floor is not null;
        }
    }

    /// <summary>Starts holding events after <paramref name="head"/>.</summary>
    public void Open(Position head)
    {
        lock (_gate)
            _floor ??= head;
    }

    /// <summary>
    /// Holds (a packed copy of) the next event; readers waiting for it hear of it at the next <see cref="Announce"/>.
    /// One writer only: the shared reader.
    /// </summary>
    public void Append(RecordedEvent recorded)
    {
        recorded = _copies.Copy(recorded);
        lock (_gate)
        {
            if (_next - _first == capacity)
            {
                _floor = _ring[_first % capacity].Position;
                _first++;
            }
            _ring[_next++ % capacity] = recorded;
            _fault = null;
        }
    }

    /// <summary>
    /// Wakes the readers that what arrived since they began waiting concerns (once per read of the log, not per
    /// event: each wake-up is a thread switch).
    /// </summary>
    public void Announce()
    {
        List<WaitingReaders.Waiter>? woken = null;
        lock (_gate)
        {
            if (_waiting.Count > 0)
            {
                woken = [];
                for (var i = Math.Max(_announced, _first); i < _next; i++)
                    _waiting.TakeConcerned(_ring[i % capacity], i, woken);
                _waiting.TakeBehind(_first, _next, capacity / 2, woken);
            }
            _announced = _next;
        }
        woken?.ForEach(w => w.Woken.TrySetResult());
    }

    /// <summary>The shared reader failed: waiting readers end with the error; the next event clears it.</summary>
    public void Fault(Exception error)
    {
        WaitingReaders.Waiter[] woken;
        lock (_gate)
        {
            _fault = error;
            woken = _waiting.TakeAll();
        }
        foreach (var waiter in woken)
            waiter.Woken.TrySetResult();
    }

    /// <summary>Where a reader that has everything up to <paramref name="after"/> goes on; null when the window does not hold all that follows.</summary>
    public long? Join(Position after)
    {
        lock (_gate)
        {
            if (_floor is not { } floor || after < floor)
                return null;
            // The first held event past 'after' (events are in position order).
            long low = _first, high = _next;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (_ring[middle % capacity].Position > after)
                    high = middle;
                else
                    low = middle + 1;
            }
            return low;
        }
    }

    /// <summary>Copies the events from <paramref name="sequence"/> on into <paramref name="into"/>; -1 when the window has moved past it.</summary>
    public int Read(long sequence, RecordedEvent[] into)
    {
        lock (_gate)
        {
            if (sequence < _first)
                return -1;
            var count = (int)Math.Min(into.Length, _next - sequence);
            for (var i = 0; i < count; i++)
                into[i] = _ring[(sequence + i) % capacity];
            return count;
        }
    }

    /// <summary>Waits for events from <paramref name="sequence"/> on that may interest a reader with <paramref name="filter"/>.</summary>
    public async Task WaitAsync(long sequence, SubscriptionFilter? filter, CancellationToken cancellationToken)
    {
        WaitingReaders.Waiter waiter;
        lock (_gate)
        {
            if (_fault is { } fault)
                throw new EventStoreUnavailableException("The shared reader of the log failed: " + fault.Message, fault);
            waiter = new WaitingReaders.Waiter(sequence, filter);
            if (Pending(waiter))
                return;
            _waiting.Add(waiter);
        }
        try
        {
            await waiter.Woken.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A woken waiter was taken off the list by whoever woke it; only a cancelled one is still there.
            if (!waiter.Woken.Task.IsCompleted)
            {
                lock (_gate)
                    _waiting.Remove(waiter);
            }
        }
        lock (_gate)
        {
            if (_fault is { } fault)
                throw new EventStoreUnavailableException("The shared reader of the log failed: " + fault.Message, fault);
        }
    }

    /// <summary>
    /// Whether something from the waiter's sequence on needs the reader: it arrived after the reader's last read
    /// and before it began to wait. What arrives later, the next <see cref="Announce"/> tells it.
    /// </summary>
    private bool Pending(WaitingReaders.Waiter waiter)
    {
        if (waiter.IsBehind(_first, _next, capacity / 2))
            return true;
        for (var i = waiter.Sequence; i < _next; i++)
        {
            if (waiter.Wants(_ring[i % capacity]))
                return true;
        }
        return false;
    }
}
