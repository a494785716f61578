using System.Text.Json;
using Grpc.Core;
using Registry.Client;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Programs;

/// <summary>WatchPrograms: current states, then every change; resumable from a log position.</summary>
public sealed class WatchProgramsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads the next update, failing the test after <see cref="ReadTimeout"/>.</summary>
    private static async Task<ProgramUpdate> NextAsync(IAsyncEnumerator<ProgramUpdate> updates, string what)
    {
        var next = updates.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(ReadTimeout));
        Assert.True(finished == next, $"no update within {ReadTimeout.TotalSeconds} s: {what}");
        Assert.True(await next, $"the watch ended: {what}");
        return updates.Current;
    }

    [Fact]
    public async Task A_watch_gives_the_current_states_then_a_change_appended_after_it_started()
    {
        var (first, _) = await registry.AnnounceAsync("kz-watch-a");
        var (second, secondAnnounced) = await registry.AnnounceAsync("kz-watch-b");
        var reported = await registry.SendAsync(Report(first, Calibre("calibre-120", "120", "Defense News", "A2")));
        await registry.GetAtLeastAsync(first, reported.Version);
        await registry.GetAtLeastAsync(second, secondAnnounced.Version);

        using var cancel = new CancellationTokenSource();
        var request = new WatchProgramsRequest();
        request.ProgramIds.Add(first);
        request.ProgramIds.Add(second);
        using var call = registry.Client.Queries.WatchPrograms(request, new CallOptions(cancellationToken: cancel.Token));
        await using var updates = call.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);

        var initial = new[] { await NextAsync(updates, "first current state"), await NextAsync(updates, "second current state") };
        var started = await registry.SendAsync(StartProduction(second));
        var change = await NextAsync(updates, "the production start");

        Assert.Equal([first, second], initial.Select(u => u.Program.Id).Order(StringComparer.Ordinal));
        Assert.All(initial, u => Assert.Empty(u.EventId));
        Assert.Equal(1, initial.Single(u => u.Program.Id == first).Program.Version);
        Assert.Equal(reported.Position, initial.Single(u => u.Program.Id == first).Position);
        Assert.Single(initial.Single(u => u.Program.Id == first).Program.Attributes);
        Assert.Equal(second, change.Program.Id);
        Assert.Equal(started.EventIds.Single(), change.EventId);
        Assert.Equal("ProductionStarted.v1", change.EventType);
        Assert.Equal(started.Position, change.Position);
        Assert.Equal(started.Version, change.Program.Version);
        Assert.Equal(LifecycleStage.ProductionStarted, change.Program.Status);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task A_watch_without_program_ids_gives_every_programme_then_changes_to_any()
    {
        var (id, announced) = await registry.AnnounceAsync("kz-watch-all");
        await registry.GetAtLeastAsync(id, announced.Version);

        using var cancel = new CancellationTokenSource();
        using var call = registry.Client.Queries.WatchPrograms(new WatchProgramsRequest(), new CallOptions(cancellationToken: cancel.Token));
        await using var updates = call.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var (later, laterAnnounced) = await registry.AnnounceAsync("kz-watch-later");

        var seen = new List<ProgramUpdate>();
        while (seen.Count == 0 || seen[^1].Program.Id != later)
            seen.Add(await NextAsync(updates, "the later announcement"));

        Assert.Contains(seen, u => u.Program.Id == id && u.EventId.Length == 0);
        Assert.Equal(laterAnnounced.EventIds.Single(), seen[^1].EventId);
        Assert.Equal("ProgramAnnounced.v1", seen[^1].EventType);
        Assert.Single(seen, u => u.Program.Id == later);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task A_watch_after_a_position_resumes_with_the_changes_after_it_and_no_current_states()
    {
        var (id, announced) = await registry.AnnounceAsync("kz-watch-resume");
        var first = await registry.SendAsync(Report(id, Calibre("calibre-120", "120", "Defense News", "A2")));
        var second = await registry.SendAsync(Report(id, Calibre("calibre-105", "105", "Forum Post", "F3")));

        using var cancel = new CancellationTokenSource();
        var request = new WatchProgramsRequest { After = first.Position };
        request.ProgramIds.Add(id);
        using var call = registry.Client.Queries.WatchPrograms(request, new CallOptions(cancellationToken: cancel.Token));
        await using var updates = call.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);

        var resumed = await NextAsync(updates, "the second report, already in the log");
        var denied = await registry.SendAsync(Deny(id, "denial-1", "calibre-120"));
        var live = await NextAsync(updates, "the denial, appended after the watch started");

        Assert.Equal(second.EventIds.Single(), resumed.EventId);
        Assert.Equal(second.Position, resumed.Position);
        Assert.Equal(2, resumed.Program.Version);
        Assert.True(resumed.Program.Attributes.Single().Conflict);
        Assert.Equal(denied.EventIds.Single(), live.EventId);
        Assert.Equal("ReportDenied.v1", live.EventType);
        Assert.Equal(["denial-1"], live.Program.Claims.Single(c => c.ClaimId == "calibre-120").DeniedIn);
        Assert.Equal(announced.ProgramId, live.Program.Id);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task A_watch_over_the_json_api_gets_the_whole_update_a_grpc_watcher_of_the_same_change_gets()
    {
        var (id, announced) = await registry.AnnounceAsync("kz-watch-json");
        await registry.GetAtLeastAsync(id, announced.Version);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = registry.Registry.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/programs:watch?program_ids={id}");
        request.Headers.Add("x-api-key", TestCredentials.Default.Key);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        async Task<JsonElement> NextJsonAsync(string what) =>
            JsonDocument.Parse(await lines.ReadLineAsync(cancel.Token) ?? throw new InvalidOperationException($"the JSON watch ended before {what}")).RootElement;
        // The gRPC watcher of the same programme makes the change's update for gRPC too (its bytes, serialized once).
        using var grpcCall = registry.Client.Queries.WatchPrograms(new WatchProgramsRequest { ProgramIds = { id } }, new CallOptions(cancellationToken: cancel.Token));
        await using var grpcUpdates = grpcCall.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);

        var jsonSnapshot = await NextJsonAsync("the current state");
        var grpcSnapshot = await NextAsync(grpcUpdates, "the gRPC current state");
        var reported = await registry.SendAsync(Report(id, Calibre("calibre-120", "120", "Defense News", "A2")));
        var grpcChange = await NextAsync(grpcUpdates, "the gRPC change");
        var jsonChange = await NextJsonAsync("the change");

        Assert.Equal(id, jsonSnapshot.GetProperty("program").GetProperty("id").GetString());
        Assert.Equal(id, grpcSnapshot.Program.Id);
        Assert.Equal(reported.EventIds.Single(), grpcChange.EventId);
        Assert.Single(grpcChange.Program.Attributes);
        Assert.Equal(grpcChange, ProgramUpdate.Parser.ParseJson(jsonChange.GetRawText()));
        await cancel.CancelAsync();
    }
}
