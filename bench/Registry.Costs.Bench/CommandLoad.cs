using Registry.Domain.Decisions;
using Registry.Server.Programs.Commands;

namespace Registry.Costs.Bench;

internal static class CommandLoad
{
    /// <summary>Executes the commands with <paramref name="callers"/> at once, as under load; command ids from <paramref name="offset"/> on.</summary>
    public static async Task RunAsync(IReadOnlyList<IProgramCommand> commands, int callers, CommandHandler handler, int offset = 0)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < commands.Count; i = Interlocked.Increment(ref next))
            {
                var context = new CommandContext($"cmd-{offset + i}", null, "bench", $"cmd-{offset + i}", null);
                if (await handler.ExecuteAsync(commands[i], context, CancellationToken.None) is not CommandOutcome.Done)
                    throw new InvalidOperationException($"command {i} was not accepted");
            }
        })));
    }
}
