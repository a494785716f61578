using Grpc.Net.Client;
using Registry.Client;
using Grpc.Core;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Programs;

/// <summary>
/// Every bad command gets its status (and for bad fields a BadRequest naming each by its .proto path) and
/// appends nothing: the head of the log and the programme's history are the same before and after.
/// </summary>
public sealed class BadInputTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>Runs the failing call on a fresh programme and checks that nothing was appended anywhere.</summary>
    private async Task<RpcException> RefusedAsync(Func<string, Task> call, Func<string, Task>? setUp = null)
    {
        var (id, _) = await registry.AnnounceAsync("kz-bad-input");
        await registry.SendAsync(Report(id, Calibre("calibre-120", "120", "Defense News", "A2")));
        if (setUp is not null)
            await setUp(id);
        var head = await registry.HeadAsync();
        var history = await registry.HistoryAsync(id);

        RpcException? failure = null;
        try
        {
            await call(id);
        }
        catch (RpcException e)
        {
            failure = e;
        }

        Assert.Equal(head, await registry.HeadAsync());
        Assert.Equal(history.Select(e => e.EventId), (await registry.HistoryAsync(id)).Select(e => e.EventId));
        Assert.NotNull(failure);
        return failure;
    }

    private static string[] Fields(RpcException failure)
    {
        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        var badRequest = failure.GetDetail<Google.Rpc.BadRequest>();
        Assert.NotNull(badRequest);
        Assert.All(badRequest.FieldViolations, v => Assert.NotEmpty(v.Description));
        return badRequest.FieldViolations.Select(v => v.Field).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private Task<CommandResult> Send(IProgramCommandRequest request) => registry.SendAsync(request);

    [Fact]
    public async Task An_empty_announcement_names_every_missing_field()
    {
        var failure = await RefusedAsync(_ => Send(new AnnounceProgramRequest()));

        Assert.Equal(["certainty", "claim_id", "command_id", "country", "kind", "name", "program_id", "provenance"], Fields(failure));
        Assert.Contains("command_id", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_provenance_is_named_field_by_field_under_its_claim()
    {
        var claim = Calibre("calibre-x", "120", "Defense News", "A2");
        claim.Provenance = new Provenance();

        var failure = await RefusedAsync(id => Send(Report(id, claim)));

        Assert.Equal(
            ["attribute.provenance.credibility", "attribute.provenance.language", "attribute.provenance.outlet", "attribute.provenance.quote",
             "attribute.provenance.reliability", "attribute.provenance.source_type"],
            Fields(failure));
    }

    [Fact]
    public async Task An_empty_attribute_claim_names_its_own_fields()
    {
        var failure = await RefusedAsync(id => Send(new ReportClaimRequest { CommandId = NewCommandId(), ProgramId = id, Attribute = new AttributeClaim() }));

        Assert.Equal(["attribute.attribute", "attribute.certainty", "attribute.claim_id", "attribute.provenance", "attribute.value"], Fields(failure));
    }

    [Fact]
    public async Task A_report_without_a_claim_and_corrections_without_a_reason_are_invalid()
    {
        var report = await RefusedAsync(id => Send(new ReportClaimRequest { CommandId = NewCommandId(), ProgramId = id }));
        var rank = await RefusedAsync(id => Send(Rank(id, "calibre-120", Registry.V1.Rank.Preferred, "")));
        var retract = await RefusedAsync(id => Send(Retract(id, "calibre-120", "")));
        var supersede = await RefusedAsync(id => Send(new SupersedeClaimRequest { CommandId = NewCommandId(), ProgramId = id, ClaimId = "calibre-120" }));
        var deny = await RefusedAsync(id => Send(new DenyReportRequest { CommandId = NewCommandId(), ProgramId = id, ClaimId = "denial-1", Provenance = Source("X", "A1") }));

        Assert.Equal(["claim_case"], Fields(report));
        Assert.Equal(["reason"], Fields(rank));
        Assert.Equal(["reason"], Fields(retract));
        Assert.Equal(["reason", "replacement_case"], Fields(supersede));
        Assert.Equal(["denied_by", "denies", "statement"], Fields(deny));
    }

    [Fact]
    public async Task A_quote_of_five_thousand_characters_is_too_long()
    {
        var claim = Calibre("calibre-x", "120", "Defense News", "A2");
        claim.Provenance.Quote = new string('q', 5000);

        var failure = await RefusedAsync(id => Send(Report(id, claim)));

        Assert.Equal(["attribute.provenance.quote"], Fields(failure));
    }

    [Fact]
    public async Task A_name_of_three_hundred_characters_is_too_long()
    {
        var failure = await RefusedAsync(_ => Send(Announce(NewProgramId(), name: new string('n', 300))));

        Assert.Equal(["name"], Fields(failure));
    }

    [Fact]
    public async Task An_organisation_name_of_three_hundred_characters_is_too_long()
    {
        var failure = await RefusedAsync(id => Send(Organisation(id, "maker", new string('o', 300), "TR", OrganisationRole.Manufacturer)));

        Assert.Equal(["organisation_role.organisation"], Fields(failure));
    }

    [Fact]
    public async Task An_unknown_enum_number_is_invalid()
    {
        var kind = await RefusedAsync(_ => Send(Announce(NewProgramId(), kind: (ProgramKind)99)));
        var claim = Calibre("calibre-x", "120", "Defense News", "A2");
        claim.Provenance.SourceType = (SourceType)99;
        claim.Certainty = (Certainty)99;
        var nested = await RefusedAsync(id => Send(Report(id, claim)));
        var rank = await RefusedAsync(id => Send(Rank(id, "calibre-120", (Registry.V1.Rank)99, "Typo")));

        Assert.Equal(["kind"], Fields(kind));
        Assert.Equal(["attribute.certainty", "attribute.provenance.source_type"], Fields(nested));
        Assert.Equal(["rank"], Fields(rank));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("five")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData(" 5")]
    public async Task A_quantity_that_is_not_a_non_negative_decimal_is_invalid(string amount)
    {
        var failure = await RefusedAsync(id => Send(Report(id, Calibre("calibre-x", amount, "Defense News", "A2"))));

        Assert.Equal(["attribute.value.quantity.amount"], Fields(failure));
    }

    [Theory]
    [InlineData("13.5 bn")]
    [InlineData("13,5")]
    [InlineData("-1")]
    public async Task A_money_amount_that_is_not_a_number_is_invalid(string amount)
    {
        var claim = Calibre("investment", "1", "Kazinform", "B2");
        claim.Attribute = "investment";
        claim.Value = new ClaimValue { Money = new Money { Amount = amount, Currency = "KZT" } };

        var failure = await RefusedAsync(id => Send(Report(id, claim)));

        Assert.Equal(["attribute.value.money.amount"], Fields(failure));
    }

    [Theory]
    [InlineData("100.5")]
    [InlineData("150")]
    [InlineData("-1")]
    [InlineData("half")]
    public async Task A_percentage_outside_zero_to_a_hundred_is_invalid(string percentage)
    {
        var claim = Calibre("localisation", "1", "Kazinform", "B2");
        claim.Attribute = "localisation_rate";
        claim.Value = new ClaimValue { Percentage = percentage };

        var failure = await RefusedAsync(id => Send(Report(id, claim)));

        Assert.Equal(["attribute.value.percentage"], Fields(failure));
    }

    [Fact]
    public async Task A_percentage_of_exactly_a_hundred_is_accepted()
    {
        var (id, _) = await registry.AnnounceAsync();
        var claim = Calibre("localisation", "1", "Kazinform", "B2");
        claim.Attribute = "localisation_rate";
        claim.Value = new ClaimValue { Percentage = "100" };

        var result = await registry.SendAsync(Report(id, claim));

        Assert.Equal(1, result.Version);
    }

    [Fact]
    public async Task A_claim_on_an_unknown_programme_is_not_found()
    {
        var failure = await RefusedAsync(_ => Send(Report("kz-never-announced", Calibre("calibre-x", "120", "Defense News", "A2"))));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Contains("kz-never-announced", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_an_unknown_programme_is_not_found()
    {
        var failure = await RegistryFixture.FailsAsync(registry.GetAsync("kz-never-announced"));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task A_claim_id_already_used_is_already_exists()
    {
        var again = await RefusedAsync(id => Send(Report(id, Calibre("calibre-120", "105", "Forum Post", "F3"))));
        var announcement = await RefusedAsync(id => Send(Deny(id, "announced", "calibre-120")));

        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Contains("calibre-120", again.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, announcement.StatusCode);
    }

    [Fact]
    public async Task Announcing_a_programme_twice_is_already_exists()
    {
        var failure = await RefusedAsync(id => Send(Announce(id)));

        Assert.Equal(StatusCode.AlreadyExists, failure.StatusCode);
    }

    [Fact]
    public async Task Denying_an_unknown_claim_is_a_failed_precondition()
    {
        var failure = await RefusedAsync(id => Send(Deny(id, "denial-1", "calibre-999")));

        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Contains("calibre-999", failure.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(failure.GetDetail<Google.Rpc.PreconditionFailure>());
    }

    [Fact]
    public async Task Correcting_an_unknown_or_retracted_claim_is_a_failed_precondition()
    {
        var unknown = await RefusedAsync(id => Send(Rank(id, "calibre-999", Registry.V1.Rank.Preferred, "Best source")));
        var retracted = await RefusedAsync(
            id => Send(Rank(id, "calibre-120", Registry.V1.Rank.Preferred, "Best source")),
            setUp: id => Send(Retract(id, "calibre-120", "Entered in error")));

        Assert.Equal(StatusCode.FailedPrecondition, unknown.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, retracted.StatusCode);
        Assert.Contains("retracted", retracted.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted_and_names_the_current_version()
    {
        var failure = await RefusedAsync(id => Send(Report(id, Calibre("calibre-105", "105", "Forum Post", "F3"), expectedVersion: 0)));

        Assert.Equal(StatusCode.Aborted, failure.StatusCode);
        Assert.Contains("version 1", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_current_expected_version_is_accepted()
    {
        var (id, announced) = await registry.AnnounceAsync();

        var result = await registry.SendAsync(Report(id, Calibre("calibre-105", "105", "Forum Post", "F3"), expectedVersion: announced.Version));

        Assert.Equal(1, result.Version);
    }

    [Fact]
    public async Task A_repeated_command_id_returns_the_first_result_marked_repeated_and_appends_nothing()
    {
        var (id, _) = await registry.AnnounceAsync();
        var request = Report(id, Calibre("calibre-105", "105", "Forum Post", "F3"));
        var first = await registry.SendAsync(request);
        await registry.SendAsync(Report(id, Calibre("calibre-120", "120", "Defense News", "A2")));
        var head = await registry.HeadAsync();
        var history = await registry.HistoryAsync(id);

        var again = await registry.SendAsync(request);

        Assert.False(first.Repeated);
        Assert.True(again.Repeated);
        Assert.Equal(first.ProgramId, again.ProgramId);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Position, again.Position);
        Assert.Equal(first.EventIds, again.EventIds);
        Assert.Equal(head, await registry.HeadAsync());
        Assert.Equal(history.Count, (await registry.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task A_repeated_announcement_is_the_first_result_not_already_exists()
    {
        var id = NewProgramId();
        var request = Announce(id);
        var first = await registry.SendAsync(request);
        var head = await registry.HeadAsync();

        var again = await registry.SendAsync(request);

        Assert.True(again.Repeated);
        Assert.Equal(first.EventIds, again.EventIds);
        Assert.Equal(head, await registry.HeadAsync());
    }

    [Fact]
    public async Task A_message_over_four_mebibytes_is_resource_exhausted()
    {
        // Our client refuses to send over 4 MiB itself: raise its limit so the server's limit is what is tested.
        using var big = RegistryClient.Connect(registry.Registry.Address, new CallContext(TestCredentials.Default), new GrpcChannelOptions { MaxSendMessageSize = 64 * 1024 * 1024 });
        var claim = Calibre("calibre-x", "120", "Defense News", "A2");
        claim.Note = new string('n', 4 * 1024 * 1024 + 1);

        var failure = await RefusedAsync(id => big.Commands.ReportClaimAsync(Report(id, claim), RegistryFixture.AsOperator()).ResponseAsync);
        var stillServing = await registry.AnnounceAsync();

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Equal(0, stillServing.Announced.Version);
    }
}
