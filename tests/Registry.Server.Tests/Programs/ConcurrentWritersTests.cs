using Registry.Client;
using Grpc.Core;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Programs;

/// <summary>Writers racing on one programme: never a silent overwrite, and a retried command is still applied once.</summary>
public sealed class ConcurrentWritersTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const int Writers = 8;

    [Fact]
    public async Task Writers_expecting_the_same_version_get_one_success_and_the_others_aborted()
    {
        var (id, announced) = await registry.AnnounceAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async i =>
        {
            try
            {
                return (Result: await registry.SendAsync(Report(id, Calibre($"calibre-{i}", "120", "Defense News", "A2"), announced.Version)), Failure: (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (Result: (CommandResult?)null, Failure: e);
            }
        }));

        Assert.Single(outcomes, o => o.Result is not null);
        Assert.All(outcomes.Where(o => o.Failure is not null), o => Assert.Equal(StatusCode.Aborted, o.Failure!.StatusCode));
        Assert.Equal(2, (await registry.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Writers_without_an_expected_version_are_all_applied_in_turn()
    {
        var (id, _) = await registry.AnnounceAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            registry.SendAsync(Report(id, Calibre($"calibre-{i}", "120", "Defense News", "A2")))));

        Assert.Equal(Enumerable.Range(1, Writers).Select(v => (long)v), results.Select(r => r.Version).Order());
        Assert.Equal(Writers + 1, (await registry.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task The_same_command_sent_at_once_several_times_is_appended_once()
    {
        var (id, _) = await registry.AnnounceAsync();
        var request = Report(id, Calibre("calibre-120", "120", "Defense News", "A2"));

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => registry.SendAsync(request)));

        Assert.Equal(2, (await registry.HistoryAsync(id)).Count);
        Assert.All(results, r => Assert.Equal(1, r.Version));
        Assert.Single(results.Select(r => string.Join(",", r.EventIds)).Distinct());
        // Only the sending that appended is not a repeat; the others appended nothing.
        Assert.Single(results, r => !r.Repeated);
    }
}
