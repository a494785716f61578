using Registry.Domain.Decisions;
using Registry.EventStore;
using Registry.Server.Programs.Storage;
using Registry.Server.Telemetry;

namespace Registry.Server.Programs.Commands;

/// <summary>
/// Load the programme (its state and earlier commands, see <see cref="ProgramHistoryCache"/>), decide, append
/// with the exact revision it was decided on. A command id seen before in the stream returns that first
/// result. Without an expected version from the caller, a concurrent writer just means deciding again on the
/// newer state; with one, it is a conflict for the caller to resolve.
/// </summary>
internal sealed class CommandHandler(IEventStore store, ProgramHistoryCache history, ProgramLocks locks)
{
    private const int Attempts = 10;

    public async Task<CommandOutcome> ExecuteAsync(IProgramCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var stream = command.Program.Stream;
        using var turn = await locks.EnterAsync(stream, cancellationToken);
        // The first try trusts what this process already knows of the programme (no read); anything but a
        // clean success on that basis is tried again on what the log says now.
        var cached = history.Cached(command.Program);
        var firstEventId = ProgramEvents.EventId(context.CommandId, 0);
        for (var attempt = 1; ; attempt++)
        {
            var fromCache = attempt == 1 && cached is not null;
            var known = fromCache ? cached! : await history.LoadAsync(command.Program, cancellationToken);
            if (known.Commands.TryGet(context.CommandId, firstEventId, command.Program.Value, out var repeated))
                return repeated;

            var state = known.State;
            var current = state?.Version;
            if (context.ExpectedVersion is { } expectedVersion && expectedVersion != current)
            {
                if (fromCache)
                    continue;
                return new CommandOutcome.VersionConflict(expectedVersion, current);
            }

            Decision decision;
            using (CommandSpans.StartDecide(stream))
                decision = command.Decide(state);
            if (!decision.Accepted)
            {
                if (fromCache)
                    continue;
                return new CommandOutcome.Rejected(decision.Rejection!.Value, decision.Reason!);
            }

            var expected = current is null ? ExpectedRevision.NoStream : ExpectedRevision.Exact(current.Value);
            using var append = CommandSpans.StartAppend(stream, expected, decision.Events.Count);
            var metadata = new EventMetadata(context.CommandId, context.Actor, context.CorrelationId, context.CommandId,
                CommandSpans.TraceParent(append, context.TraceParent), SchemaVersion: 1);
            var data = new EventData[decision.Events.Count];
            for (var i = 0; i < data.Length; i++)
                data[i] = ProgramEvents.ToEventData(decision.Events[i], i == 0 ? firstEventId : ProgramEvents.EventId(context.CommandId, i), metadata);
            try
            {
                var result = await CommandSpans.AppendAsync(store, stream, expected, data, append, cancellationToken);
                var done = new CommandOutcome.Done(command.Program.Value, result.NextExpectedRevision, result.Position, Array.ConvertAll(data, d => d.EventId), Repeated: false);
                history.Appended(command.Program, known, decision.Events, done);
                return done;
            }
            catch (WrongExpectedRevisionException) when (fromCache)
            {
                // What this process knew was behind the log: read it and decide again.
            }
            catch (WrongExpectedRevisionException) when (context.ExpectedVersion is null && attempt < Attempts)
            {
                // Another registry process wrote first: decide again on what it wrote, after a short random pause.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
            catch (WrongExpectedRevisionException e)
            {
                return new CommandOutcome.VersionConflict(context.ExpectedVersion, e.Actual);
            }
        }
    }
}
