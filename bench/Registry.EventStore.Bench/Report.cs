using System.Globalization;

namespace Registry.EventStore.Bench;

/// <summary>Figures gathered along the run, printed together at the end.</summary>
internal sealed class Report
{
    private readonly List<(string What, string Figure)> _rows = [];

    public void Add(string what, string figure)
    {
        _rows.Add((what, figure));
        Console.WriteLine($"   {what}: {figure}");
    }

    public static string PerSecond(double count, TimeSpan elapsed) =>
        (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Milliseconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("== summary");
        var width = _rows.Max(r => r.What.Length);
        foreach (var (what, figure) in _rows)
            Console.WriteLine($"{what.PadRight(width)}  {figure}");
    }
}
