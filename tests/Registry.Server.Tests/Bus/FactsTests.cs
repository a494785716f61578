using Registry.Samples;
using System.Text.Json;
using Registry.Client;
using Registry.Contracts;
using Grpc.Core;
using Registry.Projections.Publishing;
using Registry.Server.Auth;
using Registry.Server.Tests.Crash;
using Registry.V1;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// Denials and operators' corrections are published as facts of their own (ProgramReportDenied,
/// ProgramClaimCorrected) on their own exchanges, beside the state changes, received here by the pika subscriber.
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class FactsTests
{
    [Fact]
    public async Task A_denial_and_each_correction_arrive_as_facts_with_the_programme_version_and_derived_ids()
    {
        var broker = await RabbitMqBroker.Shared();
        var workload = Workload.Create(programmes: 1);
        var program = workload.ProgramIds[0];
        var denials = new BusSubscriber(broker, $"{workload.Prefix}denied", workload.Prefix, $"Registry.Contracts:{nameof(ProgramReportDenied)}");
        var corrections = new BusSubscriber(broker, $"{workload.Prefix}corrected", workload.Prefix, $"Registry.Contracts:{nameof(ProgramClaimCorrected)}");
        await denials.DeclareAsync();
        await corrections.DeclareAsync();
        await using var registry = await TestRegistry.StartAsync(settings: broker.RegistrySettings());
        var client = registry.Client;
        // Corrections by an operator's own credential: the fact names the principal that issued them.
        var operatorClient = registry.ClientFor(TestCredentials.ForRole(Roles.Operator));

        await workload.AnnounceAllAsync(client);                                                              // v0
        await client.Commands.ReportClaimAsync(SampleRequests.Attribute(program, "c1", $"{program}-c1", 1));     // v1
        await client.Commands.ReportClaimAsync(SampleRequests.Attribute(program, "c2", $"{program}-c2", 4));     // v2
        var denied = await client.Commands.DenyReportAsync(new DenyReportRequest                      // v3
        {
            CommandId = $"{program}-deny", ProgramId = program, ClaimId = "denial-1", Denies = { "c1" }, DeniedBy = "Ministry of Defence",
            Statement = "No such turret was ordered.", Provenance = SampleRequests.Announce(program).Provenance,
        });
        await operatorClient.Commands.RankClaimAsync(new RankClaimRequest                                    // v4
        { CommandId = $"{program}-rank", ProgramId = program, ClaimId = "c2", Rank = Rank.Preferred, Reason = "official brochure" });
        var replacement = SampleRequests.Attribute(program, "c4", $"{program}-c4", 4).Attribute;
        await operatorClient.Commands.SupersedeClaimAsync(new SupersedeClaimRequest                          // v5 (c4), v6
        { CommandId = $"{program}-supersede", ProgramId = program, ClaimId = "c2", Reason = "unit misread", Attribute = replacement });
        await operatorClient.Commands.RetractClaimAsync(new RetractClaimRequest                              // v7
        { CommandId = $"{program}-retract", ProgramId = program, ClaimId = "c4", Reason = "entered in error" });

        var denial = Assert.Single(await denials.ConsumeAsync(count: 1));
        var corrected = (await corrections.ConsumeAsync(count: 3)).OrderBy(c => c.Version).ToList();

        Assert.Equal((3L, Guid.Parse(denied.EventIds.Single())), (denial.Version, denial.EventId));
        Assert.Equal(MessageIds.Derive(denial.EventId, nameof(ProgramReportDenied)), denial.EnvelopeMessageId);
        Assert.Equal(("denial-1", "Ministry of Defence", "Defence Daily", "B1"),
            (Text(denial, "denialClaimId"), Text(denial, "deniedBy"), Text(denial, "sourceOutlet"), Text(denial, "sourceGrade")));
        Assert.Equal(["c1"], denial.Message.GetProperty("deniedClaimIds").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal([4L, 6, 7], corrected.Select(c => c.Version));
        Assert.Equal(["Ranked", "Superseded", "Retracted"], corrected.Select(c => Text(c, "correction")));
        Assert.Equal(["c2", "c2", "c4"], corrected.Select(c => Text(c, "claimId")));
        Assert.Equal(["Preferred", null, null], corrected.Select(c => Text(c, "newRank")));
        Assert.Equal([null, "c4", null], corrected.Select(c => Text(c, "replacementClaimId")));
        Assert.All(corrected, c => Assert.Equal(TestCredentials.PrincipalOf(Roles.Operator), Text(c, "operator")));
        Assert.All(corrected, c => Assert.Equal(MessageIds.Derive(c.EventId, nameof(ProgramClaimCorrected)), c.EnvelopeMessageId));
        var log = await workload.HistoryAsync(client);
        Assert.Equal(log.Where(e => e.Entry.Type.StartsWith("Claim", StringComparison.Ordinal)).Select(e => Guid.Parse(e.Entry.EventId)).Order(),
            corrected.Select(c => c.EventId).Order());
    }

    private static string? Text(BusSubscriber.Received received, string property) =>
        received.Message.GetProperty(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
