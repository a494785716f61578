using Grpc.Core;
using MassTransit;
using Registry.Contracts;
using Registry.Samples;
using Registry.V1;

namespace Registry.Server.Tests.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint on its own HTTP/1.1 listener, scraped over real HTTP after known commands:
/// the documented names, counts equal to what was sent, the followers' lag back to 0, a watch counted while open.
/// </summary>
[Collection(TelemetryTests.Name)]
public sealed class PrometheusTests
{
    [Fact]
    public async Task The_scrape_counts_the_commands_sent_and_the_lag_returns_to_zero()
    {
        // A consumer in the process: on the in-memory bus, only what somebody can receive is published (and counted).
        await using var registry = await TestRegistry.StartAsync(consumers: bus => bus.AddHandler<ProgramStateChanged>(),
            settings: ["--Telemetry:Prometheus:Enabled=true", "--Telemetry:Prometheus:Endpoint:Port=0"]);
        using var http = new HttpClient();
        var metrics = new Uri(ScrapeListener(registry), "/metrics");
        var ids = new[] { $"kz-prom-a-{Guid.NewGuid():N}", $"kz-prom-b-{Guid.NewGuid():N}" };

        foreach (var id in ids)
            await registry.Client.Commands.AnnounceProgramAsync(SampleRequests.Announce(id));
        for (var n = 0; n < 5; n++)
            await registry.Client.Commands.ReportClaimAsync(SampleRequests.Attribute(ids[n % 2], $"claim-{n}", $"{ids[0]}-report-{n}", n));
        await registry.Client.Commands.ReportClaimAsync(SampleRequests.Attribute(ids[0], "claim-0", $"{ids[0]}-report-0", 0)); // a repeat
        var invalid = await Assert.ThrowsAsync<RpcException>(() => registry.Client.Commands.ReportClaimAsync(SampleRequests.Attribute(ids[0], "claim-x", "", 9)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        var refused = await Assert.ThrowsAsync<RpcException>(() => registry.ClientFor(null).Queries.ListProgramsAsync(new ListProgramsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        PrometheusScrape scrape = null!;
        await TestRegistry.UntilAsync(async () =>
        {
            scrape = await PrometheusScrape.GetAsync(http, metrics);
            var lags = scrape.Of("registry_follower_lag").ToList();
            return scrape.Sum("registry_publish_confirmed_total", ("publisher", "program-state")) == 7
                && lags.Any(l => l.Labels["follower"] == "programs") && lags.All(l => l.Value == 0);
        });

        Assert.Equal(2, scrape.Sum("registry_commands_total", ("method", "AnnounceProgram"), ("outcome", "appended")));
        Assert.Equal(5, scrape.Sum("registry_commands_total", ("method", "ReportClaim"), ("outcome", "appended")));
        Assert.Equal(1, scrape.Sum("registry_commands_total", ("method", "ReportClaim"), ("outcome", "repeated")));
        Assert.Equal(1, scrape.Sum("registry_commands_total", ("method", "ReportClaim"), ("outcome", "invalid")));
        Assert.Equal(9, scrape.Sum("registry_commands_total"));
        Assert.Equal(9, scrape.Sum("registry_command_duration_seconds_count"));
        Assert.Equal(7, scrape.Sum("registry_append_duration_seconds_count"));
        Assert.Equal(7, scrape.Sum("registry_append_events_sum"));
        Assert.Equal(0, scrape.Sum("registry_publish_retries_total"));
        Assert.Equal(1, scrape.Sum("registry_auth_refusals_total", ("status", "unauthenticated"), ("reason", "no_credential")));
        Assert.Equal(["audit_tree", "program-facts", "program-state", "programs"], scrape.Of("registry_follower_lag").Select(l => l.Labels["follower"]).Order(StringComparer.Ordinal));

        using (var cancel = new CancellationTokenSource())
        {
            using var watch = registry.Client.Queries.WatchPrograms(new WatchProgramsRequest { ProgramIds = { ids[0] } }, new CallOptions(cancellationToken: cancel.Token));
            Assert.True(await watch.ResponseStream.MoveNext(cancel.Token)); // the current state: the watch is registered
            Assert.Equal(1, (await PrometheusScrape.GetAsync(http, metrics)).Sum("registry_watch_streams"));
            await cancel.CancelAsync();
        }
        await TestRegistry.UntilAsync(async () => (await PrometheusScrape.GetAsync(http, metrics)).Sum("registry_watch_streams") == 0);
    }

    [Fact]
    public async Task The_scrape_listener_serves_nothing_but_the_scrape()
    {
        // A consumer in the process: on the in-memory bus, only what somebody can receive is published (and counted).
        await using var registry = await TestRegistry.StartAsync(consumers: bus => bus.AddHandler<ProgramStateChanged>(),
            settings: ["--Telemetry:Prometheus:Enabled=true", "--Telemetry:Prometheus:Endpoint:Port=0"]);
        using var http = new HttpClient();

        using var scrape = await http.GetAsync(new Uri(ScrapeListener(registry), "/metrics"));
        using var grpcPath = await http.PostAsync(new Uri(ScrapeListener(registry), "/registry.v1.ProgramQueries/ListPrograms"), new ByteArrayContent([]));

        Assert.Equal(System.Net.HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, grpcPath.StatusCode);
    }

    /// <summary>The scrape's own listener: neither the gRPC endpoint nor the HTTP/JSON one.</summary>
    private static Uri ScrapeListener(TestRegistry registry) =>
        registry.Addresses.Single(a => a.Port != registry.Address.Port && a.Port != registry.HttpAddress.Port);
}
