using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Registry.Bench;

/// <summary>
/// What survives the server's gen0 collections, by type: the runtime samples an allocation about every 100 KB
/// (AllocationTick: its type and address), and each collection reports the address ranges whose objects it kept
/// (surviving or moved). A sampled object inside such a range survived. The pause of a gen0 collection is mostly
/// the copying of its survivors, so this says what to allocate less of, or keep for less long.
/// Needs the GC keyword at verbose level and the survival-and-movement keyword.
/// </summary>
internal sealed class YoungSurvivors
{
    public const long Keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapSurvivalAndMovement);

    private readonly List<(ulong Address, string Type, long Bytes)> _sampledSinceLast = [];
    private readonly List<(ulong Start, ulong End)> _kept = [];
    private readonly Dictionary<string, (long Sampled, long Survived)> _byType = [];
    private int _generation = -1;
    private int _collections;

    public YoungSurvivors(EventPipeEventSource source)
    {
        source.Clr.GCAllocationTick += e =>
        {
            if (e.Address != 0)
                _sampledSinceLast.Add((e.Address, e.TypeName ?? "?", e.AllocationAmount64));
        };
        source.Clr.GCStart += e =>
        {
            _generation = e.Depth;
            _kept.Clear();
        };
        source.Clr.GCBulkSurvivingObjectRanges += e =>
        {
            for (var i = 0; i < e.Count; i++)
                _kept.Add((e.Values(i).RangeBase, e.Values(i).RangeBase + e.Values(i).RangeLength));
        };
        source.Clr.GCBulkMovedObjectRanges += e =>
        {
            for (var i = 0; i < e.Count; i++)
                _kept.Add((e.Values(i).OldRangeBase, e.Values(i).OldRangeBase + e.Values(i).RangeLength));
        };
        source.Clr.GCStop += _ => Tally();
    }

    /// <summary>At the end of a gen0 collection, which of the allocations sampled since the previous one it kept.</summary>
    private void Tally()
    {
        if (_generation == 0 && _kept.Count > 0)
        {
            _collections++;
            _kept.Sort();
            foreach (var (address, type, bytes) in _sampledSinceLast)
            {
                var (sampled, survived) = _byType.GetValueOrDefault(type);
                _byType[type] = (sampled + bytes, survived + (Kept(address) ? bytes : 0));
            }
        }
        _sampledSinceLast.Clear();
    }

    /// <summary>Whether the last range starting at or before the address contains it.</summary>
    private bool Kept(ulong address)
    {
        int low = 0, high = _kept.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (_kept[middle].Start <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found >= 0 && address < _kept[found].End;
    }

    public void Print(TextWriter output, int top = 12)
    {
        var sampled = _byType.Values.Sum(t => t.Sampled);
        var survived = _byType.Values.Sum(t => t.Survived);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"what survived {_collections} gen0 collections (sampled allocations): {survived / 1e6:F1} MB of {sampled / 1e6:F0} MB sampled ({100.0 * survived / Math.Max(1, sampled):F1}%)"));
        foreach (var (type, (typeSampled, typeSurvived)) in _byType.Where(t => t.Value.Survived > 0).OrderByDescending(t => t.Value.Survived).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {100.0 * typeSurvived / survived,5:F1}% of the survivors, {100.0 * typeSurvived / typeSampled,5:F1}% of its kind survived: {type}"));
        }
    }
}
