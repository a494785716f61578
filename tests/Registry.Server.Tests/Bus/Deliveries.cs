using Registry.Contracts;
using Registry.Projections.Publishing;
using Registry.V1;

namespace Registry.Server.Tests.Bus;

/// <summary>Checks what a subscriber received against the log: every event once at least, each copy with the same derived id.</summary>
internal static class Deliveries
{
    public const string Exchange = "Registry.Contracts:ProgramStateChanged";

    /// <summary>Returns how many deliveries were duplicates.</summary>
    public static int AssertEveryEventDelivered(IReadOnlyList<(string ProgramId, HistoryEntry Entry)> log, IReadOnlyList<BusSubscriber.Received> received)
    {
        var expected = log.Select(e => (e.ProgramId, e.Entry.Revision, Guid.Parse(e.Entry.EventId))).Order().ToList();
        var distinct = received.Select(r => (r.ProgramId, r.Version, r.EventId)).Distinct().Order().ToList();
        var missing = expected.Except(distinct).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} state changes never delivered, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.Equal(expected, distinct);
        foreach (var message in received)
        {
            var derived = MessageIds.Derive(message.EventId, nameof(ProgramStateChanged));
            Assert.Equal((derived, derived), (message.AmqpMessageId, message.EnvelopeMessageId));
            Assert.True(message.Persistent, "published as a transient message");
            Assert.Equal(Exchange, message.Exchange);
        }
        return received.Count - distinct.Count;
    }
}
