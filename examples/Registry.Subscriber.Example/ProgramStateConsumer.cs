using System.Diagnostics;
using MassTransit;
using Registry.Contracts;

namespace Registry.Subscriber.Example;

/// <summary>Applies each ProgramStateChanged that is newer than the state held, and says what it did (one line each).</summary>
public sealed class ProgramStateConsumer(NewestStates states) : IConsumer<ProgramStateChanged>
{
    public Task Consume(ConsumeContext<ProgramStateChanged> context)
    {
        var message = context.Message;
        var line = states.TryApply(message, out var held)
            ? $"applied {message.ProgramId} v{message.Version} {message.EventType} status={message.State.Status} message={context.MessageId}{Trace()}"
            : $"ignored {message.ProgramId} v{message.Version}: holding v{held} message={context.MessageId}";
        Console.WriteLine(line);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The trace this consume continues (the registry's command) and the remote span this process continued:
    /// the registry's send, parent of MassTransit's receive span here (the consume span is the receive's child).
    /// </summary>
    private static string Trace()
    {
        if (Activity.Current is not { } consume)
            return "";
        var first = consume;
        while (first.Parent is { } parent)
            first = parent;
        return $" trace={consume.TraceId} parent={first.ParentSpanId}";
    }
}
