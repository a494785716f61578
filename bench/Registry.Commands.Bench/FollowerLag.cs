using System.Globalization;
using Grpc.Core;
using Registry.V1;

namespace Registry.Commands.Bench;

/// <summary>
/// Samples every follower's lag (Admin.GetStatus, projections and publishers) at a fixed period while a load
/// runs: how far behind the log the read models and the bus are while commands arrive, not only afterwards.
/// </summary>
internal sealed class FollowerLag(Admin.AdminClient admin, TimeSpan period)
{
    private readonly Dictionary<string, Samples> _followers = [];
    private int _failedSamples;

    /// <summary>Samples until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                GetStatusResponse status;
                try
                {
                    // Not cancelled by stop: the last sample finishes.
                    status = await admin.GetStatusAsync(new GetStatusRequest(), cancellationToken: CancellationToken.None);
                }
                catch (RpcException)
                {
                    _failedSamples++;
                    continue;
                }
                foreach (var f in status.Followers)
                {
                    if (!_followers.TryGetValue(f.Name, out var samples))
                        _followers[f.Name] = samples = new Samples(f.Kind);
                    samples.Add(f.Lag, f.State);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One line per follower.</summary>
    public void Print(TimeSpan load)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"follower lag in events during the {load.TotalSeconds:F0} s of commands (GetStatus every {period.TotalMilliseconds:F0} ms{(_failedSamples > 0 ? $", {_failedSamples} samples failed" : "")}):"));
        foreach (var (name, f) in _followers.OrderBy(f => f.Value.Kind).ThenBy(f => f.Key, StringComparer.Ordinal))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {f.Kind.ToString().ToLowerInvariant(),-10} {name,-24} max {f.Max,7}  mean {f.Sum / f.Count,9:F1}  {f.Count} samples{f.NotLive}"));
    }

    private sealed class Samples(FollowerStatus.Types.Kind kind)
    {
        public FollowerStatus.Types.Kind Kind => kind;
        public ulong Max { get; private set; }
        public double Sum { get; private set; }
        public int Count { get; private set; }

        private readonly Dictionary<FollowerStatus.Types.State, int> _states = [];

        /// <summary>Empty when every sample found it live; otherwise how often it was in which state (a lag then means something else).</summary>
        public string NotLive => _states.Keys.All(s => s == FollowerStatus.Types.State.Live) ? ""
            : ", states: " + string.Join(", ", _states.OrderBy(s => s.Key).Select(s => $"{Words(s.Key)} {s.Value}"));

        // CatchingUp -> "catching up"
        private static string Words(FollowerStatus.Types.State state) =>
            string.Concat(state.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $" {char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

        public void Add(ulong lag, FollowerStatus.Types.State state)
        {
            Max = Math.Max(Max, lag);
            Sum += lag;
            Count++;
            _states[state] = _states.GetValueOrDefault(state) + 1;
        }
    }
}
