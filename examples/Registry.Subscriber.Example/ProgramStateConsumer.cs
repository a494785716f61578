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

    /// <summary>The trace this consume continues (the registry's command), and the span it continues: the registry's send.</summary>
    private static string Trace() => Activity.Current is { } consume ? $" trace={consume.TraceId} parent={consume.ParentSpanId}" : "";
}
