using Registry.Client;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Programs;

/// <summary>What auditors read: every event in order with its metadata and record time, and the state as it stood.</summary>
public sealed class HistoryAndAsOfTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private sealed record Scenario(string Id, List<(string CommandId, CommandResult Result)> Commands);

    /// <summary>Announce, two conflicting reports, a denial, a ranking, a retraction, a supersession, production.</summary>
    private async Task<Scenario> EveryKindOfEventAsync()
    {
        var id = NewProgramId();
        var commands = new List<(string, CommandResult)>();
        async Task Send(IProgramCommandRequest request, string commandId)
        {
            commands.Add((commandId, await registry.SendAsync(request)));
            await Task.Delay(5); // distinct record times, so that as-of by time can tell events apart
        }

        var announce = Announce(id);
        await Send(announce, announce.CommandId);
        var a = Report(id, Calibre("calibre-120", "120", "Defense News", "A2"));
        await Send(a, a.CommandId);
        var b = Report(id, Calibre("calibre-105", "105", "Forum Post", "F3"));
        await Send(b, b.CommandId);
        var deny = Deny(id, "denial-1", "calibre-120");
        await Send(deny, deny.CommandId);
        var rank = Rank(id, "calibre-120", Registry.V1.Rank.Preferred, "Confirmed by the manufacturer's brochure");
        await Send(rank, rank.CommandId);
        var retract = Retract(id, "calibre-105", "Forum posts are not sources");
        await Send(retract, retract.CommandId);
        var organisation = Organisation(id, "maker", "Otokar", "TR", OrganisationRole.PlatformLicensor, "Otocar");
        await Send(organisation, organisation.CommandId);
        var supersede = Supersede(id, "calibre-120", Calibre("calibre-120-fixed", "120", "Defense News", "A1"), "Regraded source");
        await Send(supersede, supersede.CommandId);
        var start = StartProduction(id);
        await Send(start, start.CommandId);
        return new Scenario(id, commands);
    }

    [Fact]
    public async Task History_streams_every_event_in_order_with_its_type_actor_command_id_and_record_time()
    {
        var scenario = await EveryKindOfEventAsync();

        var history = await registry.HistoryAsync(scenario.Id);

        Assert.Equal(
            ["ProgramAnnounced.v1", "AttributeReported.v1", "AttributeReported.v1", "ReportDenied.v1", "ClaimRanked.v1", "ClaimRetracted.v1",
             "OrganisationRoleReported.v1", "AttributeReported.v1", "ClaimSuperseded.v1", "ProductionStarted.v1"],
            history.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(e => e.Revision));
        // A supersession appends the replacement and the supersession, under one command id.
        Assert.Equal(scenario.Commands.SelectMany(c => c.Result.EventIds.Select(_ => c.CommandId)), history.Select(e => e.CommandId));
        Assert.Equal(scenario.Commands.SelectMany(c => c.Result.EventIds), history.Select(e => e.EventId));
        Assert.Equal(scenario.Commands.Select(c => c.Result.Version), history.GroupBy(e => e.CommandId).Select(g => g.Last().Revision));
        Assert.Equal(scenario.Commands.Select(c => c.Result.Position), history.GroupBy(e => e.CommandId).Select(g => g.Last().Position));
        Assert.All(history, e => Assert.Equal(RegistryFixture.Operator, e.Actor));
        Assert.All(history, e => Assert.NotEmpty(e.Data));
        Assert.All(history, e => Assert.NotEmpty(e.Summary));
        Assert.All(history, e => Assert.NotEmpty(e.CorrelationId));
        var now = DateTimeOffset.UtcNow;
        Assert.All(history, e => Assert.InRange(e.RecordedAt.ToDateTimeOffset(), now.AddMinutes(-5), now.AddSeconds(1)));
        for (var i = 1; i < history.Count; i++)
        {
            Assert.True(history[i].RecordedAt.ToDateTimeOffset() >= history[i - 1].RecordedAt.ToDateTimeOffset(), $"record time goes back at revision {i}");
            Assert.True(history[i].Position.Commit > history[i - 1].Position.Commit, $"log position goes back at revision {i}");
        }
    }

    [Fact]
    public async Task The_actor_is_the_authenticated_principal_even_when_the_request_names_another()
    {
        var id = NewProgramId();
        var editor = registry.Registry.ClientFor(TestCredentials.ForRole(Server.Auth.Roles.Editor));
        var claimsOtherwise = new Metadata { { "x-actor", "someone-else" }, { "x-user", "root" } };

        await editor.Commands.AnnounceProgramAsync(Announce(id), Calls.WithTimeout(TimeSpan.FromSeconds(30), claimsOtherwise)).ResponseAsync;

        var entry = Assert.Single(await registry.HistoryAsync(id));
        Assert.Equal(TestCredentials.PrincipalOf(Server.Auth.Roles.Editor), entry.Actor);
    }

    [Fact]
    public async Task The_history_of_an_unknown_programme_is_not_found()
    {
        var failure = await RegistryFixture.FailsAsync(registry.HistoryAsync("kz-never-announced"));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task AsOf_a_log_position_returns_the_state_the_registry_held_then()
    {
        var scenario = await EveryKindOfEventAsync();
        var afterSecondReport = scenario.Commands[2].Result;

        var then = await registry.Client.Queries.GetProgramAsOfAsync(new GetProgramAsOfRequest { ProgramId = scenario.Id, Position = afterSecondReport.Position });
        var now = await registry.GetAtLeastAsync(scenario.Id, scenario.Commands[^1].Result.Version);

        Assert.Equal(2, then.Version);
        Assert.Equal(afterSecondReport.Position, then.Position);
        Assert.Equal(LifecycleStage.Announced, then.Status);
        Assert.Equal(["announced", "calibre-105", "calibre-120"], then.Claims.Select(c => c.ClaimId).Order(StringComparer.Ordinal));
        Assert.Empty(then.Claims.Single(c => c.ClaimId == "calibre-120").DeniedIn);
        Assert.Null(then.Claims.Single(c => c.ClaimId == "calibre-105").Retraction);
        var calibre = Assert.Single(then.Attributes);
        Assert.True(calibre.Conflict);
        Assert.Equal("calibre-120", calibre.Best.ClaimId);
        Assert.Empty(then.Organisations);

        Assert.Equal(9, now.Version);
        Assert.Equal(LifecycleStage.ProductionStarted, now.Status);
        Assert.Equal(["denial-1"], now.Claims.Single(c => c.ClaimId == "calibre-120").DeniedIn);
    }

    [Fact]
    public async Task AsOf_a_position_between_two_events_of_the_programme_returns_the_earlier_one()
    {
        var scenario = await EveryKindOfEventAsync();
        var deny = scenario.Commands[3].Result.Position;

        // Just before the denial's position: the two reports, not yet the denial.
        var then = await registry.Client.Queries.GetProgramAsOfAsync(new GetProgramAsOfRequest
        {
            ProgramId = scenario.Id,
            Position = new LogPosition { Commit = deny.Commit - 1, Prepare = deny.Prepare - 1 },
        });

        Assert.Equal(2, then.Version);
        Assert.DoesNotContain(then.Claims, c => c.ClaimId == "denial-1");
    }

    [Fact]
    public async Task AsOf_a_record_time_returns_the_state_the_registry_held_then()
    {
        var scenario = await EveryKindOfEventAsync();
        var history = await registry.HistoryAsync(scenario.Id);
        var denialRecorded = history[3].RecordedAt;

        var atDenial = await registry.Client.Queries.GetProgramAsOfAsync(new GetProgramAsOfRequest { ProgramId = scenario.Id, RecordedAt = denialRecorded });
        var justBefore = await registry.Client.Queries.GetProgramAsOfAsync(new GetProgramAsOfRequest
        {
            ProgramId = scenario.Id,
            RecordedAt = Timestamp.FromDateTimeOffset(denialRecorded.ToDateTimeOffset().AddTicks(-1)),
        });

        Assert.Equal(3, atDenial.Version);
        Assert.Equal(["denial-1"], atDenial.Claims.Single(c => c.ClaimId == "calibre-120").DeniedIn);
        Assert.Equal(Registry.V1.Rank.Normal, atDenial.Claims.Single(c => c.ClaimId == "calibre-120").Rank);
        Assert.Equal(2, justBefore.Version);
        Assert.Empty(justBefore.Claims.Single(c => c.ClaimId == "calibre-120").DeniedIn);
    }

    [Fact]
    public async Task AsOf_a_time_before_the_programme_existed_is_not_found()
    {
        var scenario = await EveryKindOfEventAsync();
        var announced = (await registry.HistoryAsync(scenario.Id))[0].RecordedAt.ToDateTimeOffset();

        var failure = await RegistryFixture.FailsAsync(registry.Client.Queries.GetProgramAsOfAsync(new GetProgramAsOfRequest
        {
            ProgramId = scenario.Id,
            RecordedAt = Timestamp.FromDateTimeOffset(announced.AddSeconds(-1)),
        }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task AsOf_without_a_moment_is_invalid()
    {
        var (id, _) = await registry.AnnounceAsync();

        var failure = await RegistryFixture.FailsAsync(registry.Client.Queries.GetProgramAsOfAsync(new GetProgramAsOfRequest { ProgramId = id }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains(failure.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "at");
    }
}
