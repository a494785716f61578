using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Cli.Commands;
using Registry.Client.Audit;
using Registry.Server.Tests.Interop;
using Registry.Testing;

namespace Registry.Server.Tests.Audit;

/// <summary>
/// Two verifiers that share no code, ours (<c>registry audit verify</c>) and tests/interop/python/audit_verify.py
/// (hashlib and python3-cryptography, written from docs/audit.md), on bundles the CLI exported: both accept the
/// good ones and both reject each kind of tampering. Their agreement is the proof the format is what the page says.
/// </summary>
public sealed class BundleInteropTests(BundleFixture bundles) : IClassFixture<BundleFixture>
{
    private static readonly string Python = Environment.GetEnvironmentVariable("REGISTRY_INTEROP_PYTHON") ?? "/usr/bin/python3";
    private static readonly string ScriptDir = InteropRegistry.ScriptDir("python");

    public static TheoryData<string> Tampering() => [.. Tamperings.Keys];

    [Theory]
    [InlineData("whole log")]
    [InlineData("one programme")]
    public async Task Both_verifiers_accept_a_bundle_as_exported(string which)
    {
        var file = which == "whole log" ? bundles.WholeLog : bundles.OneProgramme;

        var (ours, python) = await BothAsync(file, bundles.PublicKey);

        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.True(python.ExitCode == 0, python.Output);
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Both_verifiers_reject_a_tampered_bundle(string tampering)
    {
        var lines = (await File.ReadAllLinesAsync(bundles.WholeLog)).ToList();
        var key = bundles.PublicKey;
        Tamperings[tampering](lines, ref key, bundles);
        var file = bundles.File($"tampered-{tampering.Replace(' ', '-')}.jsonl");
        await File.WriteAllLinesAsync(file, lines);

        var (ours, python) = await BothAsync(file, key);

        Assert.True(ours.ExitCode == AuditCommand.NotVerified, ours.ToString());
        Assert.True(python.ExitCode == 2, python.Output);
    }

    private static async Task<(AuditCli.Outcome Ours, ThirdPartyClient.Result Python)> BothAsync(string file, string key) =>
        (await AuditCli.VerifyAsync(file, key), await ThirdPartyClient.RunAsync(Python, [Path.Combine(ScriptDir, "audit_verify.py"), file, "--public-key", key], ScriptDir));

    private delegate void Tamper(List<string> lines, ref string publicKey, BundleFixture bundles);

    /// <summary>Lines: 0 the header, 1 the head, 2.. the leaves.</summary>
    private static readonly Dictionary<string, Tamper> Tamperings = new()
    {
        ["one byte of an event's data"] = (List<string> lines, ref string _, BundleFixture _) => EditEvent(lines, 4, e => e["data"] = FlipFirstByte(e["data"]!)),
        ["an event's data with its leaf hash recomputed"] = (List<string> lines, ref string _, BundleFixture _) => EditEvent(lines, 4, e => e["data"] = FlipFirstByte(e["data"]!), rehash: true),
        ["the actor in an event's metadata"] = (List<string> lines, ref string _, BundleFixture _) => EditEvent(lines, 5, e => e["metadata"] = Base64(Text(e["metadata"]!).Replace(TestCredentials.AllRoles, "someone-else", StringComparison.Ordinal))),
        ["an event's record time"] = (List<string> lines, ref string _, BundleFixture _) => EditEvent(lines, 6, e => e["record_ticks"] = e["record_ticks"]!.GetValue<long>() + 1),
        ["an event's revision"] = (List<string> lines, ref string _, BundleFixture _) => EditEvent(lines, 6, e => e["revision"] = e["revision"]!.GetValue<long>() + 1, rehash: true),
        ["a leaf left out"] = (List<string> lines, ref string _, BundleFixture _) => lines.RemoveAt(7),
        ["two leaves swapped"] = (List<string> lines, ref string _, BundleFixture _) => (lines[3], lines[8]) = (lines[8], lines[3]),
        ["two leaves' indices swapped with them"] = (List<string> lines, ref string _, BundleFixture _) =>
        {
            var (a, b) = (JsonNode.Parse(lines[3])!, JsonNode.Parse(lines[8])!);
            (a["event"], b["event"]) = (b["event"]!.DeepClone(), a["event"]!.DeepClone());
            (a["leaf_hash"], b["leaf_hash"]) = (b["leaf_hash"]!.DeepClone(), a["leaf_hash"]!.DeepClone());
            (lines[3], lines[8]) = (a.ToJsonString(), b.ToJsonString());
        },
        ["a hash in an audit path"] = (List<string> lines, ref string _, BundleFixture _) =>
        {
            var leaf = JsonNode.Parse(lines[4])!;
            var path = leaf["audit_path"]!.AsArray();
            path[1] = FlipHex(path[1]!.GetValue<string>());
            lines[4] = leaf.ToJsonString();
        },
        ["the head's root"] = (List<string> lines, ref string _, BundleFixture _) => EditHead(lines, h => h["root_hash"] = FlipHex(h["root_hash"]!.GetValue<string>())),
        ["the head's size"] = (List<string> lines, ref string _, BundleFixture _) => EditHead(lines, h => h["tree_size"] = h["tree_size"]!.GetValue<long>() - 1),
        ["the head's time"] = (List<string> lines, ref string _, BundleFixture _) => EditHead(lines, h => h["timestamp_ms"] = h["timestamp_ms"]!.GetValue<long>() + 1),
        ["the head re-signed by another key"] = (List<string> lines, ref string _, BundleFixture _) => ResignWithAnotherKey(lines),
        ["a verifier given another key"] = (List<string> _, ref string publicKey, BundleFixture bundles) =>
        {
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            publicKey = bundles.File("other.pub.pem");
            File.WriteAllText(publicKey, other.ExportSubjectPublicKeyInfoPem());
        },
    };

    private static void EditEvent(List<string> lines, int line, Action<JsonObject> edit, bool rehash = false)
    {
        var leaf = JsonNode.Parse(lines[line])!;
        var e = leaf["event"]!.AsObject();
        edit(e);
        if (rehash)
            leaf["leaf_hash"] = Convert.ToHexStringLower(LeafEncoding.LeafHash(JsonSerializer.Deserialize<BundleRecords.LeafEvent>(e.ToJsonString())!.ToAudited()));
        lines[line] = leaf.ToJsonString();
    }

    private static void EditHead(List<string> lines, Action<JsonObject> edit)
    {
        var head = JsonNode.Parse(lines[1])!.AsObject();
        edit(head);
        lines[1] = head.ToJsonString();
    }

    /// <summary>Whoever edits the log and holds a key of their own: a well-formed bundle, signed, but not by the registry's key.</summary>
    private static void ResignWithAnotherKey(List<string> lines)
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var fingerprint = TreeHead.Fingerprint(other);
        var head = JsonSerializer.Deserialize<BundleRecords.Head>(lines[1])!;
        var signed = head with { KeyFingerprint = fingerprint, Signature = Convert.ToBase64String(head.ToTreeHead().Sign(other)) };
        lines[1] = JsonSerializer.Serialize(signed);
        var header = JsonNode.Parse(lines[0])!;
        header["key_fingerprint"] = fingerprint;
        lines[0] = header.ToJsonString();
    }

    private static string FlipFirstByte(JsonNode base64)
    {
        var bytes = Convert.FromBase64String(base64.GetValue<string>());
        bytes[0] ^= 1;
        return Convert.ToBase64String(bytes);
    }

    private static string Text(JsonNode base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64.GetValue<string>()));

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private static string FlipHex(string hex) => (hex[0] == '0' ? "1" : "0") + hex[1..];
}
