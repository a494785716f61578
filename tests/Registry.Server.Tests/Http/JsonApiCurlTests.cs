using System.Text.Json;
using Google.Protobuf;
using Registry.Server.Auth;
using Registry.Server.Tests.Programs;
using Registry.V1;

namespace Registry.Server.Tests.Http;

/// <summary>
/// The HTTP/JSON API with curl: every route (JSON transcoding of the gRPC services), the same credentials,
/// roles and validation as gRPC (401, 403, 400 naming the fields, 404), the OpenAPI document and the console's files.
/// </summary>
public sealed class JsonApiCurlTests(SeededRegistryFixture seeded) : IClassFixture<SeededRegistryFixture>
{
    private const string Tulpar = "kz-tulpar-light-tank";
    private static readonly string Operator = TestCredentials.Default.Key;
    private static readonly string Reader = TestCredentials.ForRole(Roles.Reader).Key;

    private Uri Url(string pathAndQuery) => new(seeded.HttpAddress, pathAndQuery);

    private static string Json(IMessage request) => JsonFormatter.Default.Format(request);

    private static void Ok(Curl.Reply reply) => Assert.True(reply.Status == 200, reply.ToString());

    [Fact]
    public async Task Get_programs_lists_the_seeded_programmes_with_conflict_counts()
    {
        var reply = await Curl.GetAsync(Url("/v1/programs?page_size=500"), Operator);

        Ok(reply);
        Assert.StartsWith("application/json", Header(reply, "Content-Type"), StringComparison.Ordinal);
        // Other tests of this class announce programmes of their own (kz-http-...).
        var programs = reply.Json.GetProperty("programs").EnumerateArray().Where(p => !p.GetProperty("id").GetString()!.StartsWith("kz-http", StringComparison.Ordinal)).ToList();
        Assert.Equal(SeededRegistryFixture.SeededProgrammes, programs.Count);
        var tulpar = programs.Single(p => p.GetProperty("id").GetString() == Tulpar);
        Assert.True(tulpar.GetProperty("conflicts").GetInt32() >= 1);
        Assert.Equal("LIGHT_TANK", tulpar.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Get_programs_takes_the_valid_time_and_record_time_filters_from_the_query()
    {
        var first = await FirstPositionAsync(Tulpar);
        var planned = await Curl.GetAsync(Url("/v1/programs?stage=PRODUCTION_PLANNED&valid_year=2026"), Operator);
        var knownAtStart = await Curl.GetAsync(Url($"/v1/programs?known_at_position.commit={first}"), Operator);

        Ok(planned);
        Assert.Equal(["kz-alpar-ugv"], planned.Json.GetProperty("programs").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Ok(knownAtStart);
        Assert.Single(knownAtStart.Json.GetProperty("programs").EnumerateArray());
    }

    [Fact]
    public async Task Get_program_shows_competing_values_with_their_sources()
    {
        var reply = await Curl.GetAsync(Url($"/v1/programs/{Tulpar}"), Reader);

        Ok(reply);
        var calibre = reply.Json.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("attribute").GetString() == "turret_calibre");
        Assert.True(calibre.GetProperty("conflict").GetBoolean());
        var values = calibre.GetProperty("competing").EnumerateArray().Select(c => c.GetProperty("value").GetProperty("quantity").GetProperty("amount").GetString()).ToList();
        Assert.Equal(["120", "105"], values);
    }

    [Fact]
    public async Task Get_history_streams_one_json_object_per_event()
    {
        var reply = await Curl.GetAsync(Url($"/v1/programs/{Tulpar}/history"), Operator);

        Ok(reply);
        var entries = reply.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("ProgramAnnounced.v1", entries[0].GetProperty("type").GetString());
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("actor").GetString())));
        Assert.True(entries.Count >= 17, $"{entries.Count} history entries");
    }

    [Fact]
    public async Task Get_timeline_and_as_of()
    {
        var timeline = await Curl.GetAsync(Url($"/v1/programs/{Tulpar}/timeline"), Reader);
        var asOf = await Curl.GetAsync(Url($"/v1/programs/{Tulpar}:asOf?position.commit={await FirstPositionAsync(Tulpar)}"), Operator);

        Ok(timeline);
        Assert.Contains(timeline.Json.GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("claim").GetProperty("claimId").GetString() == "tulpar-production-start" && e.GetProperty("fate").GetString() == "CLAIM_FATE_BEST");
        Ok(asOf);
        Assert.Equal(Tulpar, asOf.Json.GetProperty("id").GetString());
        Assert.Single(asOf.Json.GetProperty("claims").EnumerateArray());
    }

    [Fact]
    public async Task Post_routes_run_every_command()
    {
        var id = Requests.NewProgramId("kz-http");
        async Task<JsonElement> Post(string path, IMessage body)
        {
            var reply = await Curl.SendAsync("POST", Url(path), Operator, Json(body));
            Ok(reply);
            return reply.Json;
        }

        await Post($"/v1/programs/{id}:announce", Requests.Announce(id));
        await Post($"/v1/programs/{id}/claims", Requests.Report(id, Requests.Calibre("calibre-120", "120", "Defence Blog", "B2")));
        await Post($"/v1/programs/{id}/claims", Requests.Report(id, Requests.Calibre("calibre-105", "105", "Other outlet", "C3")));
        await Post($"/v1/programs/{id}:startProduction", Requests.StartProduction(id));
        await Post($"/v1/programs/{id}/denials", Requests.Deny(id, "denial-1", "production-started"));
        await Post($"/v1/programs/{id}/claims/calibre-105:rank", Requests.Rank(id, "calibre-105", Rank.Deprecated, "contradicted"));
        await Post($"/v1/programs/{id}/claims/production-started:retract", Requests.Retract(id, "production-started", "entered in error"));
        var last = await Post($"/v1/programs/{id}/claims/calibre-120:supersede",
            Requests.Supersede(id, "calibre-120", Requests.Calibre("calibre-120-corrected", "120", "Defence Blog", "B2"), "unit corrected"));

        // Eight events: the supersession appends the replacement claim and the correction.
        Assert.Equal(8, last.GetProperty("version").GetInt64());
        var history = await Curl.GetAsync(Url($"/v1/programs/{id}/history"), Operator);
        Assert.Contains($"{RegistryFixture.Operator} superseded calibre-120", history.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_routes_answer_the_admin()
    {
        var admin = TestCredentials.ForRole(Roles.Admin).Key;
        var status = await Curl.GetAsync(Url("/v1/admin/status"), admin);
        var rebuild = await Curl.SendAsync("POST", Url("/v1/admin/projections/no-such-projection:rebuild"), admin, "{}");

        Ok(status);
        Assert.Contains(status.Json.GetProperty("followers").EnumerateArray(), f => f.GetProperty("name").GetString() == "programs");
        Assert.NotEqual(200, rebuild.Status);
        Assert.NotEqual(401, rebuild.Status);
        Assert.NotEqual(403, rebuild.Status);
    }

    [Fact]
    public async Task Without_a_valid_credential_the_answer_is_401_and_without_the_role_403()
    {
        var anonymous = await Curl.GetAsync(Url("/v1/programs"));
        var unknownKey = await Curl.GetAsync(Url("/v1/programs"), "not-a-key");
        var badToken = await Curl.GetAsync(Url("/v1/programs"), "Bearer not.a.token");
        var token = await Curl.GetAsync(Url("/v1/programs"), "Bearer " + TestCredentials.Token("http-reader", [Roles.Reader]).Token);
        var readerRanks = await Curl.SendAsync("POST", Url($"/v1/programs/{Tulpar}/claims/tulpar-turret-105:rank"), Reader,
            Json(Requests.Rank(Tulpar, "tulpar-turret-105", Rank.Deprecated, "a reader may not")));
        var readerHistory = await Curl.GetAsync(Url($"/v1/programs/{Tulpar}/history"), Reader);

        Assert.Equal(401, anonymous.Status);
        Assert.Equal(401, unknownKey.Status);
        Assert.Equal(401, badToken.Status);
        Ok(token);
        Assert.Equal(403, readerRanks.Status);
        Assert.Equal(403, readerHistory.Status);
        // Refused before any handler ran: nothing said about the programme.
        Assert.Empty(readerRanks.Body);
    }

    [Fact]
    public async Task Bad_requests_are_400_with_the_violated_fields()
    {
        var listing = await Curl.GetAsync(Url("/v1/programs?page_size=9999&valid_year=-3"), Operator);
        var rank = await Curl.SendAsync("POST", Url($"/v1/programs/{Tulpar}/claims/tulpar-turret-105:rank"), Operator, """{"rank":"DEPRECATED"}""");
        var id = await Curl.GetAsync(Url("/v1/programs/NOT_AN_ID"), Operator);

        Assert.Equal(400, listing.Status);
        Assert.Equal(3, listing.Json.GetProperty("code").GetInt32());
        Assert.Equal(["page_size", "valid_year"], Violations(listing));
        Assert.Equal(400, rank.Status);
        Assert.Contains("command_id", Violations(rank));
        Assert.Contains("reason", Violations(rank));
        Assert.Equal(400, id.Status);
        Assert.Equal(["program_id"], Violations(id));
    }

    [Fact]
    public async Task Unknown_programmes_are_404()
    {
        foreach (var path in new[] { "/v1/programs/kz-no-such-programme", "/v1/programs/kz-no-such-programme/timeline", "/v1/programs/kz-no-such-programme/history" })
        {
            var reply = await Curl.GetAsync(Url(path), Operator);
            Assert.True(reply.Status == 404, $"{path}: {reply}");
            Assert.Equal(5, reply.Json.GetProperty("code").GetInt32());
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_is_public_and_lists_the_routes()
    {
        var reply = await Curl.GetAsync(Url("/openapi/v1.json"));

        Ok(reply);
        var paths = reply.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        // The document names path parameters by their JSON names.
        foreach (var route in new[] { "/v1/programs", "/v1/programs/{programId}", "/v1/programs/{programId}/history", "/v1/programs/{programId}/timeline",
                     "/v1/programs/{programId}:asOf", "/v1/programs/{programId}/claims/{claimId}:rank", "/v1/programs/{programId}:announce" })
            Assert.Contains(route, paths);
    }

    [Fact]
    public async Task The_console_is_served_at_the_root_to_anyone_and_nothing_else_is()
    {
        var index = await Curl.GetAsync(Url("/"));
        var script = await Curl.GetAsync(Url("/js/main.js"));
        var outside = await Curl.GetAsync(Url("/..%2fappsettings.json"));
        var missing = await Curl.GetAsync(Url("/no-such-file.js"));
        var posted = await Curl.SendAsync("POST", Url("/"), null, "{}");
        var principal = await Curl.GetAsync(Url("/console/principal"), Reader);

        Ok(index);
        Assert.Contains("<title>Registry console</title>", index.Body, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", Header(index, "Content-Security-Policy"), StringComparison.Ordinal);
        Ok(script);
        Assert.Contains("javascript", Header(script, "Content-Type"), StringComparison.Ordinal);
        Assert.Equal(404, outside.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(401, posted.Status);
        Ok(principal);
        Assert.Equal(TestCredentials.PrincipalOf(Roles.Reader), principal.Json.GetProperty("name").GetString());
        Assert.Equal([Roles.Reader], principal.Json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    /// <summary>The log position (commit) of the programme's first event, read from its history: stores number the log differently.</summary>
    private async Task<string> FirstPositionAsync(string programId)
    {
        var history = await Curl.GetAsync(Url($"/v1/programs/{programId}/history"), Operator);
        Ok(history);
        return JsonDocument.Parse(history.Body.Split('\n')[0]).RootElement.GetProperty("position").GetProperty("commit").GetRawText().Trim('"');
    }

    private static List<string?> Violations(Curl.Reply reply) => reply.Json.GetProperty("details").EnumerateArray()
        .SelectMany(d => d.GetProperty("fieldViolations").EnumerateArray()).Select(v => v.GetProperty("field").GetString()).ToList();

    private static string Header(Curl.Reply reply, string name) =>
        reply.Headers.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? string.Empty;
}
