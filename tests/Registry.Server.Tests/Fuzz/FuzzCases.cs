using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using Registry.Testing;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Fuzz;

/// <summary>
/// Makes hostile gRPC requests from one seeded Random, so a run is reproducible: random bytes, valid requests
/// with flipped, cut or inserted bytes, frame headers that lie, compressed flags without compression, random
/// protobuf fields of every wire type, deep group nesting, odd headers and credentials.
/// </summary>
internal sealed class FuzzCases(int seed)
{
    private readonly Random _random = new(seed);

    public sealed record Case(string Path, string Mutation, byte[] Body, IReadOnlyList<(string Name, string Value)> Headers);

    /// <summary>A valid request per method, the material mutations start from.</summary>
    public static IReadOnlyDictionary<string, IMessage> ValidRequests { get; } = new Dictionary<string, IMessage>
    {
        ["/registry.v1.ProgramQueries/GetProgram"] = new GetProgramRequest { ProgramId = "kz-fuzz-target" },
        ["/registry.v1.ProgramQueries/ListPrograms"] = new ListProgramsRequest { PageSize = 5, Country = "KZ", Kind = ProgramKind.LightTank },
        ["/registry.v1.ProgramQueries/WatchPrograms"] = new WatchProgramsRequest { ProgramIds = { "kz-fuzz-target" } },
        ["/registry.v1.ProgramQueries/GetProgramHistory"] = new GetProgramHistoryRequest { ProgramId = "kz-fuzz-target" },
        ["/registry.v1.ProgramQueries/GetProgramAsOf"] = new GetProgramAsOfRequest { ProgramId = "kz-fuzz-target", Position = new LogPosition { Commit = 3, Prepare = 3 } },
        ["/registry.v1.ProgramQueries/GetProgramTimeline"] = new GetProgramTimelineRequest { ProgramId = "kz-fuzz-target" },
        ["/registry.v1.ProgramCommands/AnnounceProgram"] = Announce("kz-fuzz-target"),
        ["/registry.v1.ProgramCommands/ReportClaim"] = Report("kz-fuzz-target", Calibre("fuzz-calibre", "120", "Defense News", "A2")),
        ["/registry.v1.ProgramCommands/StartProduction"] = StartProduction("kz-fuzz-target"),
        ["/registry.v1.ProgramCommands/DenyReport"] = Deny("kz-fuzz-target", "fuzz-denial", "fuzz-calibre"),
        ["/registry.v1.ProgramCommands/RankClaim"] = Rank("kz-fuzz-target", "fuzz-calibre", V1.Rank.Preferred, "fuzzing"),
        ["/registry.v1.ProgramCommands/RetractClaim"] = Retract("kz-fuzz-target", "fuzz-calibre", "fuzzing"),
        ["/registry.v1.ProgramCommands/SupersedeClaim"] = Supersede("kz-fuzz-target", "fuzz-calibre", Calibre("fuzz-calibre-2", "105", "Defense News", "A2"), "fuzzing"),
        ["/registry.v1.Admin/GetStatus"] = new GetStatusRequest(),
        ["/registry.v1.Admin/RebuildProjection"] = new RebuildProjectionRequest { Name = "no-such-projection" },
        ["/registry.v1.Admin/RestartFollower"] = new RestartFollowerRequest { Name = "no-such-follower" },
        ["/registry.v1.Audit/GetTreeHead"] = new GetTreeHeadRequest { TreeSize = 3 },
        ["/registry.v1.Audit/GetInclusionProof"] = new GetInclusionProofRequest { EventId = "0f8fad5b-d9cb-469f-a165-70867728950e", TreeSize = 2 },
        ["/registry.v1.Audit/GetConsistencyProof"] = new GetConsistencyProofRequest { FirstSize = 1, SecondSize = 2 },
        ["/registry.v1.Audit/ExportLog"] = new ExportLogRequest { ProgramId = "kz-fuzz-target" },
        ["/registry.v1.Audit/VerifyLog"] = new VerifyLogRequest(),
        ["/registry.v1.Audit/ReplayCheck"] = new ReplayCheckRequest(),
        ["/grpc.health.v1.Health/Check"] = new global::Grpc.Health.V1.HealthCheckRequest(),
        ["/grpc.health.v1.Health/Watch"] = new global::Grpc.Health.V1.HealthCheckRequest { Service = "registry.projections" },
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = new global::Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" },
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "registry.v1.Admin" },
    };

    private static readonly string[] Mutations =
    [
        "random-bytes", "bit-flips", "truncated-payload", "inserted-bytes", "random-fields", "deep-groups", "length-overflow",
        "frame-longer-than-body", "frame-shorter-than-body", "compressed-flag-without-encoding", "gzip-garbage", "huge-declared-length",
        "two-messages", "empty-body", "partial-header", "valid",
    ];

    public Case Next(string path, IReadOnlyList<(string, string)> credential)
    {
        var valid = ValidRequests[path].ToByteArray();
        var mutation = Mutations[_random.Next(Mutations.Length)];
        var headers = new List<(string, string)>(credential);
        byte[] body = mutation switch
        {
            "random-bytes" => Frame(Bytes(_random.Next(0, 400))),
            "bit-flips" => Frame(FlipBits(valid)),
            "truncated-payload" => Frame(valid[.._random.Next(0, valid.Length + 1)]),
            "inserted-bytes" => Frame(Insert(valid)),
            "random-fields" => Frame(RandomFields(_random.Next(1, 12))),
            "deep-groups" => Frame(DeepGroups(_random.Next(50, 3000))),
            "length-overflow" => Frame([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. Bytes(_random.Next(0, 20))]),
            "frame-longer-than-body" => FrameWithLength(valid, valid.Length + _random.Next(1, 1000)),
            "frame-shorter-than-body" => FrameWithLength(valid, Math.Max(0, valid.Length - _random.Next(1, 10))),
            "compressed-flag-without-encoding" => Frame(valid, compressed: true),
            "gzip-garbage" => WithHeader(headers, ("grpc-encoding", "gzip"), Frame(Bytes(_random.Next(0, 200)), compressed: true)),
            "huge-declared-length" => FrameWithLength(valid, _random.Next(2) == 0 ? int.MaxValue : 4 * 1024 * 1024 + _random.Next(1, 100)),
            "two-messages" => [.. Frame(valid), .. Frame(FlipBits(valid))],
            "empty-body" => [],
            "partial-header" => Bytes(_random.Next(1, 5)),
            _ => Frame(valid),
        };
        if (_random.Next(8) == 0)
            headers.Add(("grpc-timeout", RandomTimeout()));
        return new Case(path, mutation, body, headers);
    }

    /// <summary>A credential for the case: mostly the all-roles key (to reach the parsers), sometimes junk.</summary>
    public IReadOnlyList<(string, string)> Credential(IReadOnlyList<(string, string)> valid) => _random.Next(10) switch
    {
        0 => [("authorization", "Bearer " + Ascii(_random.Next(0, 300)))],
        1 => [("x-api-key", Ascii(_random.Next(1, 100)))],
        2 => [("authorization", "Bearer " + Ascii(20) + "." + Ascii(40) + "." + Ascii(30))],
        3 => [],
        _ => valid,
    };

    private string RandomTimeout() => _random.Next(4) switch
    {
        0 => $"{_random.Next(1, 100_000_000)}{"HMSmun"[_random.Next(6)]}",
        1 => Ascii(_random.Next(1, 12)),
        2 => "99999999999S",
        _ => "0n",
    };

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Ascii(int count)
    {
        var text = new StringBuilder(count);
        for (var i = 0; i < count; i++)
            text.Append((char)_random.Next(0x21, 0x7F));
        return text.ToString();
    }

    private byte[] FlipBits(byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var i = _random.Next(1, 9); i > 0 && bytes.Length > 0; i--)
            bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
        return bytes;
    }

    private byte[] Insert(byte[] valid)
    {
        var at = _random.Next(valid.Length + 1);
        return [.. valid[..at], .. Bytes(_random.Next(1, 16)), .. valid[at..]];
    }

    /// <summary>Fields of random numbers and wire types with random (often impossible) contents.</summary>
    private byte[] RandomFields(int count)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        for (var i = 0; i < count; i++)
        {
            var field = _random.Next(1, 40);
            switch (_random.Next(6))
            {
                case 0: output.WriteTag(field, WireFormat.WireType.Varint); output.WriteUInt64((ulong)_random.NextInt64()); break;
                case 1: output.WriteTag(field, WireFormat.WireType.Fixed64); output.WriteFixed64((ulong)_random.NextInt64()); break;
                case 2: output.WriteTag(field, WireFormat.WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(Bytes(_random.Next(0, 64)))); break;
                case 3: output.WriteTag(field, WireFormat.WireType.StartGroup); break;
                case 4: output.WriteTag(field, WireFormat.WireType.Fixed32); output.WriteFixed32((uint)_random.Next()); break;
                default: output.WriteRawTag((byte)_random.Next(256)); break;
            }
        }
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>Nested start-group tags, deeper than any parser's recursion limit.</summary>
    private static byte[] DeepGroups(int depth) => Enumerable.Repeat((byte)0x0B, depth).ToArray(); // field 1, wire type 3

    private static byte[] Frame(byte[] payload, bool compressed = false) => RawGrpc.Frame(payload, compressed);

    private static byte[] FrameWithLength(byte[] payload, int declared)
    {
        var frame = RawGrpc.Frame(payload);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)declared);
        return frame;
    }

    private static byte[] WithHeader(List<(string, string)> headers, (string, string) header, byte[] body)
    {
        headers.Add(header);
        return body;
    }
}
