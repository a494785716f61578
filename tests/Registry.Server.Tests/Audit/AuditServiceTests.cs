using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Audit;
using Registry.EventStore.Tests;
using Registry.Projections;
using Registry.Server.Audit;
using Registry.V1;

namespace Registry.Server.Tests.Audit;

/// <summary>registry.v1.Audit on a real host: every event is a leaf, heads are signed, proofs verify, the checks pass on an honest registry.</summary>
public sealed class AuditServiceTests : IAsyncLifetime, IDisposable
{
    private TestRegistry _registry = null!;
    private readonly TempFolder _files = new();

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Signing_now_does_not_wait_for_the_tree_to_gather_more_events()
    {
        // The tree gathers events for up to this long before committing, unless someone waits for it; signing now
        // fails with Unavailable once it has waited 10 s.
        await using var registry = await TestRegistry.StartAsync(settings: ["--Projections:BatchInterval=00:10:00"]);
        await AuditedRegistry.WriteAsync(registry.Client, "hurried", programs: 2, claims: 2);

        var signed = await registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true });

        Assert.Equal((await AuditedRegistry.RegistryEventsAsync(registry.Store)).Count, (long)signed.Head.TreeSize);
    }

    [Fact]
    public async Task A_replay_check_covers_every_programme_written_before_it_was_asked()
    {
        await using var registry = await TestRegistry.StartAsync(settings: ["--Projections:BatchInterval=00:10:00"]);
        await AuditedRegistry.WriteAsync(registry.Client, "replayed", programs: 3, claims: 2);

        var replayed = await registry.Client.Audit.ReplayCheckAsync(new ReplayCheckRequest());

        Assert.True(replayed.Ok, replayed.ToString());
        Assert.Equal(3ul, replayed.ProgramsChecked);
    }

    [Fact]
    public async Task Every_registry_event_is_a_leaf_whose_inclusion_proof_leads_to_a_signed_head()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "incl", programs: 3, claims: 4);
        await _registry.AppendAsync("lease-not-a-programme", 2);

        var signed = await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true });
        var events = await AuditedRegistry.RegistryEventsAsync(_registry.Store);
        var head = AuditedRegistry.ToTreeHead(signed.Head);
        using var key = TreeHead.ReadPublicKeyPem(signed.PublicKeyPem);

        Assert.Equal(events.Count, head.TreeSize);
        Assert.True(head.Verify(key, signed.Head.Signature.ToByteArray()));
        Assert.Equal(TreeHead.Fingerprint(key), signed.Head.KeyFingerprint);
        Assert.Equal(events[^1].Position.Commit, head.CommitPosition);
        for (var i = 0; i < events.Count; i++)
        {
            var proof = await _registry.Client.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { EventId = events[i].EventId.ToString(), TreeSize = (ulong)head.TreeSize });
            var leafHash = LeafEncoding.LeafHash(AuditEvents.From(events[i]));
            Assert.Equal((ulong)i, proof.LeafIndex);
            Assert.Equal(leafHash, proof.LeafHash.ToByteArray());
            Assert.True(MerkleVerification.VerifyInclusion(i, head.TreeSize, leafHash, proof.AuditPath.Select(p => p.ToByteArray()).ToList(), head.RootHash), $"leaf {i}");
        }
    }

    [Fact]
    public async Task Each_signed_head_is_consistent_with_every_later_one()
    {
        var sizes = new List<SignedTreeHead>();
        for (var round = 0; round < 3; round++)
        {
            await AuditedRegistry.WriteAsync(_registry.Client, $"cons{round}", programs: 1 + round, claims: 3);
            sizes.Add((await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true })).Head);
        }
        foreach (var first in sizes)
        {
            foreach (var second in sizes.Where(s => s.TreeSize >= first.TreeSize))
            {
                var proof = await _registry.Client.Audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = first.TreeSize, SecondSize = second.TreeSize });
                Assert.True(MerkleVerification.VerifyConsistency((long)first.TreeSize, (long)second.TreeSize, first.RootHash.ToByteArray(), second.RootHash.ToByteArray(),
                    proof.Proof.Select(p => p.ToByteArray()).ToList()), $"{first.TreeSize} to {second.TreeSize}");
            }
        }
        var stored = await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { TreeSize = sizes[1].TreeSize });
        Assert.Equal(sizes[1], stored.Head);
    }

    [Fact]
    public async Task Proofs_beyond_the_tree_or_of_unknown_events_are_refused_clearly()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "refuse", programs: 1, claims: 1);
        var head = (await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true })).Head;

        var beyond = await Assert.ThrowsAsync<RpcException>(() => _registry.Client.Audit.GetConsistencyProofAsync(
            new GetConsistencyProofRequest { FirstSize = 1, SecondSize = head.TreeSize + 1000 }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _registry.Client.Audit.GetInclusionProofAsync(
            new GetInclusionProofRequest { EventId = Guid.NewGuid().ToString() }).ResponseAsync);
        var neverSigned = await Assert.ThrowsAsync<RpcException>(() => _registry.Client.Audit.GetTreeHeadAsync(
            new GetTreeHeadRequest { TreeSize = head.TreeSize + 1000 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, beyond.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, neverSigned.StatusCode);
    }

    [Fact]
    public async Task An_exported_bundle_verifies_offline_for_the_whole_log_and_for_one_programme()
    {
        var ids = await AuditedRegistry.WriteAsync(_registry.Client, "export", programs: 3, claims: 3);
        var credential = await AuditedRegistry.WriteCredentialAsync(_files.Path);
        var key = _files.File("key.pem");
        var head = await AuditCli.RunAsync(_registry.Address, credential, "head", "--out", _files.File("head.json"));
        await File.WriteAllTextAsync(key, (await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest())).PublicKeyPem);

        var whole = await AuditCli.RunAsync(_registry.Address, credential, "export", "--out", _files.File("log.jsonl"));
        var one = await AuditCli.RunAsync(_registry.Address, credential, "export", "--out", _files.File("one.jsonl"), "--program", ids[1]);
        var verifiedWhole = await AuditCli.VerifyAsync(_files.File("log.jsonl"), key);
        var verifiedOne = await AuditCli.VerifyAsync(_files.File("one.jsonl"), key);

        Assert.True(head.ExitCode == 0, head.ToString());
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(verifiedWhole.ExitCode == 0, verifiedWhole.ToString());
        Assert.True(verifiedOne.ExitCode == 0, verifiedOne.ToString());
        Assert.Equal(4, File.ReadLines(_files.File("one.jsonl")).Count(l => l.Contains("\"record\":\"leaf\"", StringComparison.Ordinal)));
        Assert.Contains("verified: 4 events", verifiedOne.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_checked_with_another_key_is_not_verified()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "otherkey", programs: 1, claims: 1);
        var credential = await AuditedRegistry.WriteCredentialAsync(_files.Path);
        await AuditCli.RunAsync(_registry.Address, credential, "export", "--out", _files.File("log.jsonl"));
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(_files.File("other.pem"), other.ExportSubjectPublicKeyInfoPem());

        var verified = await AuditCli.VerifyAsync(_files.File("log.jsonl"), _files.File("other.pem"));

        Assert.Equal(Registry.Cli.Commands.AuditCommand.NotVerified, verified.ExitCode);
        Assert.Contains("not by the key given", verified.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_against_a_saved_head_passes_while_the_history_only_grows()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "check", programs: 2, claims: 2);
        var credential = await AuditedRegistry.WriteCredentialAsync(_files.Path);
        await AuditCli.RunAsync(_registry.Address, credential, "head", "--out", _files.File("head.json"));
        await AuditedRegistry.WriteAsync(_registry.Client, "check-later", programs: 2, claims: 2);

        var check = await AuditCli.RunAsync(_registry.Address, credential, "check", "--since", _files.File("head.json"));

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("consistent", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyLog_and_ReplayCheck_pass_on_an_honest_registry()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "honest", programs: 3, claims: 3);
        await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true });

        var verified = await _registry.Client.Audit.VerifyLogAsync(new VerifyLogRequest());
        var replayed = await _registry.Client.Audit.ReplayCheckAsync(new ReplayCheckRequest());

        Assert.True(verified.Ok, verified.ToString());
        Assert.Equal((ulong)(await AuditedRegistry.RegistryEventsAsync(_registry.Store)).Count, verified.LeavesChecked);
        Assert.True(verified.HeadsChecked >= 1);
        Assert.True(replayed.Ok, replayed.ToString());
        Assert.Equal(3ul, replayed.ProgramsChecked);
    }

    [Fact]
    public async Task ReplayCheck_names_the_programme_and_field_planted_in_the_read_model()
    {
        var ids = await AuditedRegistry.WriteAsync(_registry.Client, "planted", programs: 2, claims: 2);
        await _registry.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = ids[1], MinPosition = (await _registry.Client.Commands.ReportClaimAsync(
            Samples.SampleRequests.Attribute(ids[1], "c9", "planted-last", 9))).Position });
        var database = _registry.Services.GetRequiredService<ReadModelDatabase>();
        using (var connection = database.Open())
        {
            using var table = connection.CreateCommand();
            table.CommandText = "SELECT 'programs_programs_g' || generation FROM projection_live WHERE name = 'programs'";
            var physical = (string)table.ExecuteScalar()!;
            ReadModelDatabase.Execute(connection, null, $"UPDATE {physical} SET name = 'Planted name' WHERE id = $id", ("$id", ids[1]));
        }

        var replayed = await _registry.Client.Audit.ReplayCheckAsync(new ReplayCheckRequest());

        Assert.False(replayed.Ok);
        var difference = Assert.Single(replayed.Differences);
        Assert.Equal(ids[1], difference.ProgramId);
        Assert.Contains("name: read model \"Planted name\"", difference.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebuilt_tree_has_the_same_root_as_the_live_one()
    {
        await AuditedRegistry.WriteAsync(_registry.Client, "rebuild", programs: 3, claims: 5);
        var before = (await _registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true })).Head;

        await _registry.Client.Admin.RebuildProjectionAsync(new RebuildProjectionRequest { Name = MerkleTreeProjection.ProjectionName });
        var proof = await _registry.Client.Audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = before.TreeSize, SecondSize = before.TreeSize });

        Assert.Equal(before.RootHash, proof.SecondRoot);
        Assert.Empty(proof.Proof);
    }
}
