using System.Diagnostics;
using Registry.Projections.Publishing;

namespace Registry.Server.Publishing;

/// <summary>
/// Tests only (<c>Publishing:TestKillAfterConfirmedMessages</c>): kills this process with SIGKILL as soon as
/// the given number of messages has been confirmed, that is after the broker took them and before the
/// publisher writes its checkpoint: the window in which a crash makes the restarted registry publish again.
/// </summary>
internal sealed class KillAfterConfirmSink(IMessageSink inner, int confirmedBeforeKill) : IMessageSink
{
    private long _confirmed;

    public bool HasAudience(Type messageType) => inner.HasAudience(messageType);

    public async Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        await inner.PublishAsync(messages, cancellationToken);
        if (Interlocked.Add(ref _confirmed, messages.Count) >= confirmedBeforeKill)
            Process.GetCurrentProcess().Kill();
    }
}
