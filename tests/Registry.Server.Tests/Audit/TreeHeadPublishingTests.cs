using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Audit;
using Registry.Contracts;
using Registry.V1;

namespace Registry.Server.Tests.Audit;

/// <summary>Signed heads leave the registry on the bus (<see cref="TreeHeadSigned"/>), each verifiable with the registry's public key.</summary>
public sealed class TreeHeadPublishingTests
{
    [Fact]
    public async Task Every_signed_head_is_published_and_its_signature_verifies()
    {
        var received = new ConcurrentQueue<TreeHeadSigned>();
        await using var registry = await TestRegistry.StartAsync(services => services.AddSingleton(received), bus => bus.AddConsumer<Collector>());
        await AuditedRegistry.WriteAsync(registry.Client, "published", programs: 2, claims: 2);
        var signed = await registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true });

        await TestRegistry.UntilAsync(() => Task.FromResult(received.Any(h => h.TreeSize == (long)signed.Head.TreeSize)));

        using var key = TreeHead.ReadPublicKeyPem(signed.PublicKeyPem);
        var message = received.Single(h => h.TreeSize == (long)signed.Head.TreeSize);
        var head = new TreeHead(message.TreeSize, Convert.FromHexString(message.RootHash), message.TimestampMs, message.CommitPosition, message.PreparePosition);
        Assert.True(head.Verify(key, Convert.FromBase64String(message.Signature)));
        Assert.Equal(signed.Head.RootHash.ToByteArray(), head.RootHash);
        Assert.Equal(signed.Head.KeyFingerprint, message.KeyFingerprint);
    }

    [Fact]
    public async Task Heads_are_signed_every_SignEvery_events_without_being_asked()
    {
        await using var registry = await TestRegistry.StartAsync(settings: ["--Audit:SignEvery:Events=5", "--Audit:SignEvery:Seconds=3600"]);
        await AuditedRegistry.WriteAsync(registry.Client, "every", programs: 3, claims: 3);

        // 12 events: the signer (once a second) signs as soon as 5 more leaves have appeared since its last head, and not before.
        await TestRegistry.UntilAsync(async () => (await registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest())).Head.TreeSize >= 5);
        var signedSizes = new List<long> { 0 };
        for (var size = 1ul; size <= 12; size++)
        {
            try
            {
                await registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { TreeSize = size });
                signedSizes.Add((long)size);
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.InvalidArgument)
            {
            }
        }
        Assert.All(signedSizes.Zip(signedSizes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 5, $"heads at {pair.First} and {pair.Second}"));
    }

    public sealed class Collector(ConcurrentQueue<TreeHeadSigned> received) : IConsumer<TreeHeadSigned>
    {
        public Task Consume(ConsumeContext<TreeHeadSigned> context)
        {
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
