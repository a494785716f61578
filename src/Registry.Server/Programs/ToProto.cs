using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Registry.Domain.Claims;
using Registry.Domain.State;
using Registry.EventStore;
using V1 = Registry.V1;

namespace Registry.Server.Programs;

/// <summary>Domain state to the public API's messages.</summary>
internal static class ToProto
{
    public static V1.Program Program(ProgramState state, Position position)
    {
        var program = Scalars(state, position);
        program.Attributes.AddRange(ProgramView.Attributes(state).Select(a =>
        {
            var attribute = new V1.AttributeState { Attribute = a.Attribute, Best = Claim(a.Best), Conflict = a.InConflict };
            if (a.InConflict)
                attribute.Competing.AddRange(a.Competing.Select(Claim));
            return attribute;
        }));
        program.Organisations.AddRange(ProgramView.Organisations(state).Select(Claim));
        program.Claims.AddRange(state.Claims.Select(Claim));
        return program;
    }

    /// <summary>A programme's fields without its attributes, organisations and claims.</summary>
    public static V1.Program Scalars(ProgramState state, Position position) => new()
    {
        Id = state.Id.Value,
        Name = state.Name,
        Kind = Enum<V1.ProgramKind>(state.Kind),
        Country = state.Country,
        Status = Enum<V1.LifecycleStage>(ProgramView.Status(state)),
        Version = state.Version,
        Position = Position(position),
    };

    public static V1.ProgramSummary Summary(ProgramState state) => new()
    {
        Id = state.Id.Value,
        Name = state.Name,
        Kind = Enum<V1.ProgramKind>(state.Kind),
        Country = state.Country,
        Status = Enum<V1.LifecycleStage>(ProgramView.Status(state)),
        Version = state.Version,
        Conflicts = ProgramView.Attributes(state).Count(a => a.InConflict),
    };

    public static V1.LogPosition Position(Position position) => new() { Commit = position.Commit, Prepare = position.Prepare };

    public static V1.Claim Claim(ClaimRecord c)
    {
        var claim = new V1.Claim
        {
            ClaimId = c.Id.Value,
            Kind = Enum<V1.Claim.Types.Kind>(c.Kind),
            Stage = c.Stage is { } stage ? Enum<V1.LifecycleStage>(stage) : V1.LifecycleStage.Unspecified,
            Attribute = c.Attribute ?? string.Empty,
            Value = c.Value is null ? null : Value(c.Value),
            ValidTime = Date(c.ValidTime),
            Certainty = Enum<V1.Certainty>(c.Certainty),
            Provenance = Source(c.Provenance),
            Note = c.Note ?? string.Empty,
            Organisation = c.Organisation ?? string.Empty,
            OrganisationCountry = c.OrganisationCountry ?? string.Empty,
            Role = c.Role is { } role ? Enum<V1.OrganisationRole>(role) : V1.OrganisationRole.Unspecified,
            DeniedBy = c.DeniedBy ?? string.Empty,
            Statement = c.Statement ?? string.Empty,
            Rank = Enum<V1.Rank>(c.Rank),
            RankCorrection = Correction(c.RankCorrection),
            Retraction = Correction(c.Retraction),
            SupersededBy = c.SupersededBy?.Value ?? string.Empty,
            Supersession = Correction(c.Supersession),
            Revision = c.Revision,
            RecordedAt = Timestamp.FromDateTimeOffset(c.RecordedAt),
        };
        claim.Aliases.AddRange(c.Aliases);
        claim.Denies.AddRange(c.Denies.Select(d => d.Value));
        claim.DeniedIn.AddRange(c.DeniedByClaims.Select(d => d.Value));
        return claim;
    }

    private static V1.Correction? Correction(Correction? c) =>
        c is null ? null : new V1.Correction { Operator = c.Operator, Reason = c.Reason, Revision = c.Revision };

    private static V1.Provenance Source(Provenance p) => new()
    {
        Outlet = p.Outlet,
        Url = p.Url ?? string.Empty,
        Title = p.Title ?? string.Empty,
        Published = Date(p.Published),
        Language = p.Language,
        SourceType = Enum<V1.SourceType>(p.SourceType),
        Reliability = p.Reliability.ToString(),
        Credibility = p.Credibility,
        Quote = p.Quote,
    };

    private static V1.PartialDate? Date(PartialDate? d) => d is null ? null : new V1.PartialDate
    {
        Year = d.Year ?? 0,
        Month = d.Month ?? 0,
        Day = d.Day ?? 0,
        Precision = Enum<V1.DatePrecision>(d.Precision),
        Part = d.Part ?? string.Empty,
        Text = d.Text ?? string.Empty,
        RelativeToPublication = d.RelativeToPublication,
    };

    private static V1.ClaimValue Value(ClaimValue value) => value switch
    {
        ClaimValue.Quantity q => new V1.ClaimValue { Quantity = new V1.Quantity { Amount = Number(q.Amount), Unit = q.Unit } },
        ClaimValue.Money m => new V1.ClaimValue { Money = Money(m) },
        ClaimValue.Percentage p => new V1.ClaimValue { Percentage = Number(p.Value) },
        ClaimValue.DateValue d => new V1.ClaimValue { Date = Date(d.Value) },
        ClaimValue.Place p => new V1.ClaimValue { Place = new V1.Place { Name = p.Name, Region = p.Region ?? string.Empty, Country = p.Country ?? string.Empty } },
        ClaimValue.Text t => new V1.ClaimValue { Text = t.Value },
        ClaimValue.Unreadable u => new V1.ClaimValue { Unreadable = new V1.Unreadable { Shown = u.Shown, Note = u.Note } },
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static V1.Money Money(ClaimValue.Money m)
    {
        var money = new V1.Money { Amount = Number(m.Amount), Currency = m.Currency };
        money.Converted.AddRange(m.Converted.Select(Money));
        return money;
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Domain enums shifted by one: 0 is "unspecified" on the wire.</summary>
    private static T Enum<T>(System.Enum domain) where T : struct, System.Enum =>
        (T)(object)(Convert.ToInt32(domain, CultureInfo.InvariantCulture) + 1);
}
