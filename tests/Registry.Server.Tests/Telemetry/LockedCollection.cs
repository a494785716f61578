using System.Collections;

namespace Registry.Server.Tests.Telemetry;

/// <summary>A collection the in-memory exporters may add to from any thread while the test reads snapshots.</summary>
internal class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Snapshot()
    {
        lock (_items)
            return [.. _items];
    }

    public int Count
    {
        get
        {
            lock (_items)
                return _items.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (_items)
            _items.Add(item);
    }

    public void Clear()
    {
        lock (_items)
            _items.Clear();
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().ToList().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (_items)
            return _items.Remove(item);
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
