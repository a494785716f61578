using System.Diagnostics;

namespace Registry.Projections.Publishing;

/// <summary>A message to publish, with an id derived from the event it came from (see <see cref="MessageIds"/>).</summary>
public sealed record OutgoingMessage(Guid MessageId, object Message)
{
    /// <summary>
    /// The trace context the event was appended in (default: none known, or nobody traces): a sink publishes
    /// the message as a continuation of it, so that consumers continue the command's trace.
    /// </summary>
    public ActivityContext TraceContext { get; init; }
}
