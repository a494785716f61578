using System.Globalization;

namespace Registry.Grpc.Protocol;

/// <summary>The <c>grpc-timeout</c> header: at most 8 ASCII digits followed by a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(text) || text.Length < 2 || text.Length > 9)
            return false;
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        long? ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * 10,
            'n' => value / 100,
            _ => null,
        };
        if (ticks is null)
            return false;
        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>The shortest exact-or-rounded-up encoding that fits in 8 digits.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        var microseconds = CeilingDivide(ticks, 10);
        if (microseconds <= MaxValue)
            return microseconds.ToString(CultureInfo.InvariantCulture) + "u";
        var milliseconds = CeilingDivide(ticks, TimeSpan.TicksPerMillisecond);
        if (milliseconds <= MaxValue)
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "m";
        var seconds = CeilingDivide(ticks, TimeSpan.TicksPerSecond);
        if (seconds <= MaxValue)
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        var hours = Math.Min(MaxValue, CeilingDivide(ticks, TimeSpan.TicksPerHour));
        return hours.ToString(CultureInfo.InvariantCulture) + "H";
    }

    // (ticks + unit - 1) / unit would overflow near TimeSpan.MaxValue.
    private static long CeilingDivide(long ticks, long unit) => (ticks / unit) + (ticks % unit == 0 ? 0 : 1);
}
