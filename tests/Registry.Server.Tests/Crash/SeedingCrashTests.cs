using Registry.EventStore.Tests;
using Registry.V1;

namespace Registry.Server.Tests.Crash;

/// <summary>Seeding is idempotent by command id: a first start killed half-way through it is completed by the next start.</summary>
public sealed class SeedingCrashTests : IDisposable
{
    private const int SeedProgrammes = 19;
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_registry_killed_while_it_seeds_has_every_seed_programme_after_its_next_start()
    {
        // 30 of the seed's 126 commands acknowledged, then SIGKILL: the exit code shows the hook ended it mid-seed.
        await using (var dying = ServerProcess.Launch(_folder.Path, "--Seeding:TestKillAfterCommands=30"))
            Assert.Equal(137, await dying.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        await using var restarted = await ServerProcess.StartAsync(_folder.Path);
        var listed = 0;
        await TestRegistry.UntilAsync(async () =>
        {
            var page = await restarted.Client.Queries.ListProgramsAsync(new ListProgramsRequest { PageSize = 500 });
            listed = page.Programs.Count;
            return listed >= SeedProgrammes;
        });

        Assert.Equal(SeedProgrammes, listed);
    }

    public void Dispose() => _folder.Dispose();
}
