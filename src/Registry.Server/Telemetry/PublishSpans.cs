using System.Diagnostics;
using Registry.Projections.Publishing;
using Registry.Projections.Telemetry;

namespace Registry.Server.Telemetry;

/// <summary>
/// One message's publish as a child of the append that recorded its event (possibly seconds or a restart
/// earlier), linked to the publish batch under way. MassTransit's send activity starts inside it and carries
/// its context in the message headers, so a consumer's span continues the command's trace.
/// </summary>
internal static class PublishSpans
{
    public static Activity? StartMessage(OutgoingMessage message)
    {
        if (message.TraceContext == default)
            return null;
        var batch = Activity.Current;
        var activity = RegistryTelemetry.Source.StartActivity(ActivityKind.Producer, message.TraceContext,
            links: batch is null ? null : [new ActivityLink(batch.Context)], name: $"publish {message.Message.GetType().Name}");
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        return activity;
    }
}
