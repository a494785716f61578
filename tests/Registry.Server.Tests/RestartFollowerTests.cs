using Grpc.Core;
using Registry.Client;
using Registry.Server.Tests.Programs;
using Registry.V1;

namespace Registry.Server.Tests;

/// <summary>Admin.RestartFollower: a follower starts again from its checkpoint without the process restarting.</summary>
public sealed class RestartFollowerTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task A_restarted_projection_and_publisher_are_live_again_and_an_unknown_name_is_a_bad_field()
    {
        var (id, announced) = await registry.AnnounceAsync();

        var projection = await registry.Client.Admin.RestartFollowerAsync(new RestartFollowerRequest { Name = "programs" });
        var publisher = await registry.Client.Admin.RestartFollowerAsync(new RestartFollowerRequest { Name = "program-state" });
        var unknown = await RegistryFixture.FailsAsync(registry.Client.Admin.RestartFollowerAsync(new RestartFollowerRequest { Name = "nope" }).ResponseAsync);
        await TestRegistry.UntilAsync(async () =>
            (await registry.Client.Admin.GetStatusAsync(new GetStatusRequest())).Followers.All(f => f.State == FollowerStatus.Types.State.Live && f.Lag == 0));
        var program = await registry.GetAtLeastAsync(id, announced.Version);

        Assert.Equal(("programs", FollowerStatus.Types.Kind.Projection), (projection.Status.Name, projection.Status.Kind));
        Assert.Equal(("program-state", FollowerStatus.Types.Kind.Publisher), (publisher.Status.Name, publisher.Status.Kind));
        Assert.Equal(PublisherLease.Types.Role.Active, publisher.Status.Lease.Role);
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Equal("name", Assert.Single(unknown.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations).Field);
        Assert.Equal(id, program.Id);
    }
}
