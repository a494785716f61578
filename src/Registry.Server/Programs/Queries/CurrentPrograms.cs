using System.Collections.Concurrent;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Rpc;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// The programmes as the live read model last committed them, in memory, so that GetProgram answers without
/// a database read: the projection offers each state once its transaction has committed, and a read that
/// missed offers what it read. The state at the later log position always wins, so a read racing a commit
/// never brings an older state back. Each answer is built once, on its first read: for gRPC callers as its
/// serialized bytes (<see cref="EncodedOnce"/>), for JSON callers as the message. Bounded: past
/// <see cref="MaxProgrammes"/> it starts again empty.
/// </summary>
internal sealed class CurrentPrograms
{
    private const int MaxProgrammes = 10_000;
    private readonly ConcurrentDictionary<ProgramId, Answer> _answers = new();
    private int _count;

    /// <summary>The programme's answer: <paramref name="encoded"/>, a stand-in for its bytes that only the gRPC marshaller understands.</summary>
    public V1.Program? Find(ProgramId id, bool encoded) =>
        _answers.TryGetValue(id, out var answer) ? encoded ? answer.Encoded : answer.Message : null;

    /// <summary>The state the programme's answer is made from.</summary>
    public ProgramState? FindState(ProgramId id) => _answers.TryGetValue(id, out var answer) ? answer.State : null;

    public void Offer(ProgramState state, Position position)
    {
        if (Volatile.Read(ref _count) >= MaxProgrammes)
        {
            _answers.Clear();
            Volatile.Write(ref _count, 0);
        }
        var offered = new Answer(state, position);
        if (_answers.TryAdd(state.Id, offered))
            Interlocked.Increment(ref _count);
        else
            _answers.AddOrUpdate(state.Id, offered, (_, current) => current.Position >= offered.Position ? current : offered);
    }

    private sealed class Answer(ProgramState state, Position position)
    {
        private V1.Program? _message;
        private V1.Program? _encoded;

        public Position Position => position;

        public ProgramState State => state;

        /// <summary>Built at most a few times when first read concurrently; never changed once built.</summary>
        public V1.Program Message => _message ??= ToProto.Program(state, position);

        /// <summary>Like <see cref="Message"/>; the message itself is not kept for it (its bytes take far less memory).</summary>
        public V1.Program Encoded => _encoded ??= EncodedOnce.StandIn(ToProto.Program(state, position));
    }
}
