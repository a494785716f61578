namespace Registry.Projections.Publishing;

/// <summary>A message to publish, with an id derived from the event it came from (see <see cref="MessageIds"/>).</summary>
public sealed record OutgoingMessage(Guid MessageId, object Message);
