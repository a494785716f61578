using Registry.Client;
using Registry.EventStore.Tests;
using Registry.V1;

namespace Registry.Server.Tests.Crash;

/// <summary>
/// After a restart the programmes projection knows no state in memory: the next event of a programme it
/// projected before must be applied on the state it reads back from its own rows.
/// </summary>
public sealed class ProjectionResumeTests : IDisposable
{
    private readonly TempFolder _data = new();

    [Fact]
    public async Task A_restarted_registry_applies_new_events_to_programmes_projected_before_the_restart()
    {
        const string Program = "resume-programme";
        await using (var first = await ServerProcess.StartAsync(_data.Path, "--Seeding:Enabled=false"))
        {
            await first.Channel.Unary(RegistryMethods.AnnounceProgram, Api.Announce(Program));
            await first.Channel.Unary(RegistryMethods.ReportClaim, Api.Attribute(Program, "c1", "resume-c1", 1));
            await UntilProjectedAsync(first, version: 1);
            await first.StopAsync();
        }

        await using var second = await ServerProcess.StartAsync(_data.Path, "--Seeding:Enabled=false");
        await second.Channel.Unary(RegistryMethods.ReportClaim, Api.Attribute(Program, "c2", "resume-c2", 2));
        await UntilProjectedAsync(second, version: 2);

        var program = await second.Channel.Unary(RegistryMethods.GetProgram, new GetProgramRequest { ProgramId = Program });
        Assert.Equal(["localisation_rate", "turret_calibre"], program.Attributes.Select(a => a.Attribute).Order());
        await second.StopAsync();
    }

    private static async Task UntilProjectedAsync(ServerProcess server, long version) => await TestRegistry.UntilAsync(async () =>
    {
        var status = await server.Channel.Unary(RegistryMethods.GetStatus, new GetStatusRequest());
        var programs = status.Followers.Single(f => f.Name == "programs");
        Assert.True(programs.State != FollowerStatus.Types.State.Faulted, $"the programs projection faulted: {programs.Error}");
        return programs.Checkpoint.Equals(status.Head)
            && (await server.Channel.Unary(RegistryMethods.GetProgram, new GetProgramRequest { ProgramId = "resume-programme" })).Version == version;
    });

    public void Dispose() => _data.Dispose();
}
