using Google.Protobuf;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using V1 = Registry.V1;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Serializes the update a watcher receives (a <see cref="V1.ProgramUpdate"/> carrying the programme's whole state,
/// as <see cref="ToProto.Program"/> makes it) from the bytes of its claims, kept per programme by claim instance. A
/// state shares every claim its event did not change with the state before it, so the update of a programme of 100
/// claims serializes the one claim that changed and copies the others: building and serializing every claim took
/// a quarter of the server's CPU under bench/queries.sh. The bytes are the message's own: a length-delimited
/// field reads the same whether written from a message or from its bytes, and the fields go in number order, as
/// Google.Protobuf writes them. Bounded: past <see cref="MaxProgrammes"/> programmes it starts again empty.
/// </summary>
internal sealed class UpdateEncoder
{
    private const int MaxProgrammes = 10_000;
    private readonly Dictionary<ProgramId, ClaimBytes> _programmes = [];

    /// <summary>The update as a message, for callers that need one (JSON): the same fields <see cref="Encode"/> writes.</summary>
    public static V1.ProgramUpdate Message(ProgramState state, RecordedEvent recorded)
    {
        var update = WithoutProgram(recorded);
        update.Program = ToProto.Program(state, recorded.Position);
        return update;
    }

    public byte[] Encode(ProgramState state, RecordedEvent recorded)
    {
        var program = Fields(state, recorded.Position);
        var rest = WithoutProgram(recorded);
        var bytes = new byte[1 + CodedOutputStream.ComputeLengthSize(program.Size) + program.Size + rest.CalculateSize()];
        var output = new CodedOutputStream(bytes);
        output.WriteTag(V1.ProgramUpdate.ProgramFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteLength(program.Size);
        program.WriteTo(output);
        rest.WriteTo(output);
        output.CheckNoSpaceLeft();
        return bytes;
    }

    /// <summary>The update's fields after the programme (2-4).</summary>
    private static V1.ProgramUpdate WithoutProgram(RecordedEvent recorded) => new()
    {
        Position = ToProto.Position(recorded.Position),
        EventId = recorded.EventId.ToString(),
        EventType = recorded.Type,
    };

    private ProgramFields Fields(ProgramState state, Position position)
    {
        ClaimBytes claims;
        lock (_programmes)
        {
            if (!_programmes.TryGetValue(state.Id, out claims!))
            {
                if (_programmes.Count >= MaxProgrammes)
                    _programmes.Clear();
                _programmes[state.Id] = claims = new ClaimBytes();
            }
        }
        // Two events of one programme may be encoded at once for watchers at different places in the log.
        lock (claims)
        {
            claims.Begin();
            var program = ProgramFields.Of(state, position, claims);
            claims.End();
            return program;
        }
    }

    /// <summary>A programme's serialized claims: those of the last state encoded, and those of the one being encoded.</summary>
    private sealed class ClaimBytes
    {
        private Dictionary<ClaimRecord, ByteString> _last = new(ReferenceEqualityComparer.Instance);
        private Dictionary<ClaimRecord, ByteString> _next = new(ReferenceEqualityComparer.Instance);

        public void Begin() => _next.Clear();

        public ByteString Of(ClaimRecord claim)
        {
            if (_next.TryGetValue(claim, out var bytes))
                return bytes;
            if (!_last.TryGetValue(claim, out bytes))
                bytes = ToProto.Claim(claim).ToByteString();
            _next[claim] = bytes;
            return bytes;
        }

        /// <summary>Keeps only the claims of the state just encoded: those of older states go with them.</summary>
        public void End() => (_last, _next) = (_next, _last);
    }

    /// <summary>
    /// <see cref="V1.Program"/>'s fields: the scalar ones (1-7) as a message without claims, then attributes (8),
    /// organisations (9) and claims (10), each claim from its bytes.
    /// </summary>
    private sealed class ProgramFields
    {
        private const int AttributesField = V1.Program.AttributesFieldNumber;
        private const int OrganisationsField = V1.Program.OrganisationsFieldNumber;
        private const int ClaimsField = V1.Program.ClaimsFieldNumber;

        private readonly V1.Program _scalars;
        private readonly List<AttributeFields> _attributes;
        private readonly List<ByteString> _organisations;
        private readonly List<ByteString> _claims;

        private ProgramFields(V1.Program scalars, List<AttributeFields> attributes, List<ByteString> organisations, List<ByteString> claims)
        {
            _scalars = scalars;
            _attributes = attributes;
            _organisations = organisations;
            _claims = claims;
            Size = scalars.CalculateSize()
                + attributes.Sum(a => 1 + CodedOutputStream.ComputeLengthSize(a.Size) + a.Size)
                + organisations.Sum(BytesFieldSize)
                + claims.Sum(BytesFieldSize);
        }

        public int Size { get; }

        public static ProgramFields Of(ProgramState state, Position position, ClaimBytes claims)
        {
            var scalars = ToProto.Scalars(state, position);
            var attributes = ProgramView.Attributes(state)
                .Select(a => new AttributeFields(a.Attribute, claims.Of(a.Best), a.InConflict, a.InConflict ? [.. a.Competing.Select(claims.Of)] : []))
                .ToList();
            return new ProgramFields(scalars, attributes, [.. ProgramView.Organisations(state).Select(claims.Of)], [.. state.Claims.Select(claims.Of)]);
        }

        public void WriteTo(CodedOutputStream output)
        {
            _scalars.WriteTo(output);
            foreach (var attribute in _attributes)
            {
                output.WriteTag(AttributesField, WireFormat.WireType.LengthDelimited);
                output.WriteLength(attribute.Size);
                attribute.WriteTo(output);
            }
            WriteBytesFields(output, OrganisationsField, _organisations);
            WriteBytesFields(output, ClaimsField, _claims);
        }

        private static void WriteBytesFields(CodedOutputStream output, int field, List<ByteString> values)
        {
            foreach (var value in values)
            {
                output.WriteTag(field, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(value);
            }
        }
    }

    /// <summary><see cref="V1.AttributeState"/>'s fields: attribute (1), best (2), conflict (3), competing (4).</summary>
    private sealed record AttributeFields(string Attribute, ByteString Best, bool Conflict, List<ByteString> Competing)
    {
        public int Size { get; } = (Attribute.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(Attribute))
            + BytesFieldSize(Best) + (Conflict ? 1 + CodedOutputStream.ComputeBoolSize(true) : 0) + Competing.Sum(BytesFieldSize);

        public void WriteTo(CodedOutputStream output)
        {
            if (Attribute.Length != 0)
            {
                output.WriteTag(V1.AttributeState.AttributeFieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteString(Attribute);
            }
            output.WriteTag(V1.AttributeState.BestFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Best);
            if (Conflict)
            {
                output.WriteTag(V1.AttributeState.ConflictFieldNumber, WireFormat.WireType.Varint);
                output.WriteBool(true);
            }
            foreach (var competing in Competing)
            {
                output.WriteTag(V1.AttributeState.CompetingFieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(competing);
            }
        }
    }

    /// <summary>A length-delimited field's size: its tag (one byte, as every field number here is below 16), length and bytes.</summary>
    private static int BytesFieldSize(ByteString value) => 1 + CodedOutputStream.ComputeBytesSize(value);
}
