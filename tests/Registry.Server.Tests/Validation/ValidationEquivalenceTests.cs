using FluentValidation.Results;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Registry.Server.Programs.Commands.Validation;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Validation;

/// <summary>
/// The validators' quick pass (Accepts) is a second statement of their FluentValidation rules: this proves the
/// two agree, on valid requests of every command changed in every single field (RequestMutations), then in two
/// to four fields at random (FsCheck), which reaches rules that read several fields (a day of a given month).
/// Should they ever disagree, FluentValidation still has the last word on a refusal, but a request it would
/// refuse must never pass the quick check.
/// </summary>
public sealed class ValidationEquivalenceTests
{
    private sealed record Command(string Name, IMessage Valid, Func<IMessage, bool> Accepts, Func<IMessage, ValidationResult> Validate);

    private static Command For<T>(CommandRequestValidator<T> rules, T valid) where T : class, IMessage, IProgramCommandRequest =>
        new($"{typeof(T).Name} ({valid})", valid, r => rules.Accepts((T)r), r => rules.Validate((T)r));

    private static readonly Command[] Commands = ValidCommands().ToArray();

    [Fact]
    public void Every_starting_request_is_valid()
    {
        foreach (var command in Commands)
        {
            Assert.True(command.Validate(command.Valid).IsValid, command.Name);
            Assert.True(command.Accepts(command.Valid), command.Name);
        }
    }

    [Fact]
    public void Every_change_of_one_field_is_judged_alike()
    {
        foreach (var command in Commands)
        {
            foreach (var change in RequestMutations.EveryChange(command.Valid))
                JudgedAlike(command, [change]);
        }
    }

    [Fact]
    public void Changes_of_two_to_four_fields_are_judged_alike()
    {
        var changes = Commands.Select(c => RequestMutations.EveryChange(c.Valid)).ToArray();
        var combinations = Gen.Choose(0, Commands.Length - 1).SelectMany(
            command => Gen.Choose(0, changes[command].Count - 1).ArrayOf().Resize(4).Where(picked => picked.Length >= 2),
            (command, picked) => (command, picked));

        Prop.ForAll(combinations.ToArbitrary(), c => JudgedAlike(Commands[c.command], [.. c.picked.Select(i => changes[c.command][i])]))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20_000).WithQuietOnSuccess(true));
    }

    private static void JudgedAlike(Command command, IReadOnlyList<Action<IMessage>> changes)
    {
        var request = command.Valid.Descriptor.Parser.ParseFrom(command.Valid.ToByteString());
        foreach (var change in changes)
            change(request);
        var fluent = command.Validate(request);
        var quick = command.Accepts(request);
        Assert.True(quick == fluent.IsValid,
            $"Accepts says {quick}, FluentValidation {fluent.IsValid} ({string.Join("; ", fluent.Errors)}) for {JsonFormatter.Default.Format(request)}");
    }

    private static IEnumerable<Command> ValidCommands()
    {
        const string program = "kz-tulpar-light-tank";
        yield return For(new AnnounceProgramValidator(), Announce(program));
        var announceBare = Announce(program);
        announceBare.ValidTime = null;
        announceBare.Provenance.Url = "";
        announceBare.Provenance.Published = null;
        yield return For(new AnnounceProgramValidator(), announceBare);

        var reports = new ReportClaimValidator();
        yield return For(reports, Report(program, Calibre("calibre-120", "120", "Defense News", "A2"), expectedVersion: 3));
        yield return For(reports, Organisation(program, "maker", "Otokar", "TR", OrganisationRole.Manufacturer, "Otokar Otomotiv", "OTKR"));
        foreach (var value in Values())
        {
            var attribute = Calibre("value-1", "1", "Kazinform", "B2");
            attribute.Value = value;
            yield return For(reports, new ReportClaimRequest { CommandId = NewCommandId(), ProgramId = program, Attribute = attribute });
            yield return For(reports, new ReportClaimRequest { CommandId = NewCommandId(), ProgramId = program, Lifecycle = Lifecycle(value) });
        }
        yield return For(reports, new ReportClaimRequest { CommandId = NewCommandId(), ProgramId = program, Lifecycle = Lifecycle(null) });

        yield return For(new StartProductionValidator(), StartProduction(program));
        yield return For(new DenyReportValidator(), Deny(program, "denial-1", "calibre-120", "calibre-105"));
        yield return For(new RankClaimValidator(), Rank(program, "calibre-120", Registry.V1.Rank.Preferred, "Best source"));
        yield return For(new RetractClaimValidator(), Retract(program, "calibre-120", "Entered in error"));
        var supersede = new SupersedeClaimValidator();
        yield return For(supersede, Supersede(program, "calibre-120", Calibre("calibre-125", "125", "Defense News", "A2"), "Typo"));
        yield return For(supersede, new SupersedeClaimRequest
        {
            CommandId = NewCommandId(), ProgramId = program, ClaimId = "maker", Reason = "Wrong company",
            OrganisationRole = Organisation(program, "maker-2", "Paramount", "", OrganisationRole.Integrator).OrganisationRole,
        });
        yield return For(supersede, new SupersedeClaimRequest
        {
            CommandId = NewCommandId(), ProgramId = program, ClaimId = "planned", Reason = "Wrong year", Lifecycle = Lifecycle(null),
        });
    }

    private static LifecycleClaim Lifecycle(ClaimValue? value) => new()
    {
        ClaimId = "funding-1",
        Stage = LifecycleStage.FundingAllocated,
        ValidTime = new PartialDate { Year = 2024, Month = 2, Day = 29, Precision = DatePrecision.Day, Part = "start", Text = "29 February 2024" },
        Value = value,
        Certainty = Certainty.Confirmed,
        Provenance = Source("Kazinform", "B2"),
        Note = "From the ministry's statement.",
    };

    private static IEnumerable<ClaimValue> Values()
    {
        yield return new ClaimValue { Quantity = new Quantity { Amount = "200", Unit = "pcs" } };
        var money = new Money { Amount = "13.5", Currency = "KZT" };
        var usd = new Money { Amount = "28.1", Currency = "USD" };
        usd.Converted.Add(new Money { Amount = "26", Currency = "EUR" });
        money.Converted.Add(usd);
        yield return new ClaimValue { Money = money };
        yield return new ClaimValue { Percentage = "60.5" };
        yield return new ClaimValue { Date = new PartialDate { Year = 2026, Month = 3, Precision = DatePrecision.Month } };
        yield return new ClaimValue { Place = new Place { Name = "Astana", Region = "Akmola", Country = "KZ" } };
        yield return new ClaimValue { Text = "licensed from Otokar" };
        yield return new ClaimValue { Unreadable = new Unreadable { Shown = "@", Note = "the figure is smudged" } };
    }
}
