using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs.Queries;
using Registry.Server.Rpc;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// The answers GetProgram gives from memory: a state offered late (a read racing a commit) never replaces a newer
/// one; gRPC callers get the answer's bytes, serialized once, JSON callers the message.
/// </summary>
public sealed class CurrentProgramsTests
{
    private static readonly ProgramId Id = ProgramId.Parse("kz-current-test");
    private static readonly Provenance Source = new("Defence Daily", "https://example.org/a", "Plant news", PartialDate.OfMonth(2024, 5), "en",
        SourceType.News, 'B', 2, "The plant will build it.");

    private static readonly ProgramState Announced = ProgramState.Evolve(null, Id,
        new ProgramAnnounced(ClaimId.Parse("announced"), "Tulpar light tank", ProgramKind.LightTank, "KZ", PartialDate.OfYear(2026), Certainty.Reported, Source, null),
        0, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_state_at_the_later_position_wins_whatever_the_order_of_the_offers()
    {
        var announced = Announced;
        var started = ProgramState.Evolve(announced, Id,
            new LifecycleReported(ClaimId.Parse("started"), LifecycleStage.ProductionStarted, PartialDate.OfYear(2026), null, Certainty.Reported, Source, null),
            1, DateTimeOffset.UnixEpoch);
        var current = new CurrentPrograms();

        Assert.Null(current.Find(Id, encoded: false));
        current.Offer(started, Position.At(20));
        current.Offer(announced, Position.At(10));

        var answer = current.Find(Id, encoded: false);
        Assert.NotNull(answer);
        Assert.Equal(1, answer.Version);
        Assert.Equal(20ul, answer.Position.Commit);
        Assert.Same(answer, current.Find(Id, encoded: false));
    }

    [Fact]
    public void A_grpc_answer_is_kept_as_the_bytes_of_the_message_a_json_caller_gets()
    {
        var current = new CurrentPrograms();
        current.Offer(Announced, Position.At(10));
        var marshaller = EncodedOnce.Around(Marshallers.Create<Registry.V1.Program>(m => m.ToByteArray(), Registry.V1.Program.Parser.ParseFrom));

        var message = current.Find(Id, encoded: false)!;
        var encoded = current.Find(Id, encoded: true)!;

        Assert.Equal(message.ToByteArray(), Serialized(marshaller, encoded));
        Assert.Equal(message.ToByteArray(), Serialized(marshaller, message));
        Assert.Same(encoded, current.Find(Id, encoded: true));
        Assert.Equal("Tulpar light tank", message.Name);
    }

    private static byte[] Serialized(Marshaller<Registry.V1.Program> marshaller, Registry.V1.Program message)
    {
        var context = new CapturingContext();
        marshaller.ContextualSerializer(message, context);
        return context.Payload ?? throw new InvalidOperationException("the marshaller did not complete");
    }

    /// <summary>What a marshaller hands to the transport, whichever way it completes.</summary>
    private sealed class CapturingContext : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> _written = new();

        public byte[]? Payload { get; private set; }

        public override void Complete(byte[] payload) => Payload = payload;

        public override IBufferWriter<byte> GetBufferWriter() => _written;

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override void Complete() => Payload = _written.WrittenSpan.ToArray();
    }
}
