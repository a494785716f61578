using System.Collections.Concurrent;
using System.Net.Http;
using Registry.Client;
using Grpc.Core;
using Registry.Testing;
using Registry.Server.Tests.Auth;
using Registry.V1;
using Xunit.Abstractions;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Fuzz;

/// <summary>
/// Thousands of hostile requests (seeded, so reproducible) to every method the registry hosts: every one must
/// end with a gRPC status (never a bare 5xx or a reset), none may make a handler throw (UNKNOWN), the managed
/// heap must not grow without bound, and the server must still answer health and real queries afterwards.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Seed = 20261122;
    private const int RoundsPerMethod = 200;
    private const long HeapGrowthLimit = 64L * 1024 * 1024;

    [Fact]
    public async Task Random_and_mutated_frames_to_every_method_all_end_with_a_status_and_leave_the_server_well()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Client.Commands.AnnounceProgramAsync(Announce("kz-fuzz-target"), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        await registry.Client.Commands.ReportClaimAsync(Report("kz-fuzz-target", Calibre("fuzz-calibre", "120", "Defense News", "A2")),
            Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        Assert.Equal(RegistryRpcs.HostedPaths(registry.Services).Order(), FuzzCases.ValidRequests.Keys.Order());

        var generator = new FuzzCases(Seed);
        var key = TestCredentials.Default.ToHeaders().Select(h => (h.Key, h.Value!)).ToList();
        var cases = Enumerable.Range(0, RoundsPerMethod)
            .SelectMany(_ => FuzzCases.ValidRequests.Keys.Select(path => generator.Next(path, generator.Credential(key))))
            .ToList();
        using var raw = new RawGrpc(registry.Address);
        var results = new ConcurrentBag<(FuzzCases.Case Case, string Outcome)>();

        await RunAsync(raw, cases.Take(cases.Count / 10), results);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await RunAsync(raw, cases.Skip(cases.Count / 10), results);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        WriteReport(results, heapBefore, heapAfter);
        var bad = results.Where(r => r.Outcome.StartsWith("FAIL", StringComparison.Ordinal)).Take(10).Select(r => $"{r.Case.Path} {r.Case.Mutation} [{string.Join(", ", r.Case.Headers.Where(h => h.Name.StartsWith("grpc", StringComparison.Ordinal)))}]: {r.Outcome}");
        Assert.True(!bad.Any(), string.Join(Environment.NewLine, bad));
        Assert.Equal(cases.Count, results.Count);
        Assert.True(heapAfter - heapBefore < HeapGrowthLimit, $"the managed heap grew by {(heapAfter - heapBefore) / 1024 / 1024} MiB");

        var health = await registry.ClientFor(null).Health().CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        var target = await registry.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = "kz-fuzz-target" }, Calls.WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal("kz-fuzz-target", target.Id);
    }


    private static Task RunAsync(RawGrpc raw, IEnumerable<FuzzCases.Case> cases, ConcurrentBag<(FuzzCases.Case, string)> results) =>
        Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fuzz, _) => results.Add((fuzz, await OutcomeAsync(raw, fuzz))));

    /// <summary>"FAIL ..." when the server broke a rule; otherwise the gRPC status (and HTTP status when not 200).</summary>
    private static async Task<string> OutcomeAsync(RawGrpc raw, FuzzCases.Case fuzz)
    {
        try
        {
            var reply = await raw.SendAsync(fuzz.Path, fuzz.Body, configure: request =>
            {
                foreach (var (name, value) in WithDeadline(fuzz))
                    request.Headers.TryAddWithoutValidation(name, value);
            });
            if (reply.Status is not { } status)
                return $"FAIL no grpc-status: {reply}";
            if ((int)reply.HttpStatus >= 500)
                return $"FAIL HTTP {(int)reply.HttpStatus}: {reply}";
            // grpc-dotnet answers a request it cannot decode with UNKNOWN; for a decodable one UNKNOWN means a handler threw.
            if (status == StatusCode.Unknown && IsDecodable(fuzz))
                return $"FAIL a handler threw: {reply}";
            return reply.HttpStatus == System.Net.HttpStatusCode.OK ? status.ToString() : $"{status} (HTTP {(int)reply.HttpStatus})";
        }
        catch (HttpRequestException e)
        {
            return $"FAIL no response: {e.Message}";
        }
    }

    /// <summary>Whether the body is one uncompressed frame holding a message the method's request type parses.</summary>
    private static bool IsDecodable(FuzzCases.Case fuzz)
    {
        var body = fuzz.Body;
        if (body.Length < 5 || body[0] != 0 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)) != body.Length - 5)
            return false;
        try
        {
            FuzzCases.ValidRequests[fuzz.Path].Descriptor.Parser.ParseFrom(body, 5, body.Length - 5);
            return true;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return false;
        }
    }

    /// <summary>Watches run until their deadline, so theirs is short and always set; other calls keep the case's, or get 10 s.</summary>
    private static List<(string Name, string Value)> WithDeadline(FuzzCases.Case fuzz)
    {
        var isWatch = fuzz.Path.EndsWith("/Watch", StringComparison.Ordinal) || fuzz.Path.EndsWith("/WatchPrograms", StringComparison.Ordinal);
        var headers = fuzz.Headers.Where(h => !(isWatch && h.Name == "grpc-timeout")).ToList();
        if (!headers.Any(h => h.Name == "grpc-timeout"))
            headers.Add(("grpc-timeout", isWatch ? "200m" : "10S"));
        return headers;
    }

    private void WriteReport(ConcurrentBag<(FuzzCases.Case Case, string Outcome)> results, long heapBefore, long heapAfter)
    {
        output.WriteLine($"seed {Seed}: {results.Count} calls to {FuzzCases.ValidRequests.Count} methods; managed heap {heapBefore / 1024} KiB -> {heapAfter / 1024} KiB");
        foreach (var group in results.GroupBy(r => r.Outcome.StartsWith("FAIL", StringComparison.Ordinal) ? "FAIL" : r.Outcome).OrderByDescending(g => g.Count()))
            output.WriteLine($"  {group.Key}: {group.Count()}");
        foreach (var group in results.GroupBy(r => r.Case.Mutation).OrderBy(g => g.Key))
            output.WriteLine($"  {group.Key}: {group.Count()} ({string.Join(", ", group.GroupBy(r => r.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))})");
    }
}
