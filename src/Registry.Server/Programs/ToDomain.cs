using System.Globalization;
using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Decisions;
using V1 = Registry.V1;

namespace Registry.Server.Programs;

/// <summary>Validated requests to domain commands. Validation has run: nothing here re-checks.</summary>
internal static class ToDomain
{
    public static AnnounceProgram Command(V1.AnnounceProgramRequest r) => new(
        ProgramId.Parse(r.ProgramId), ClaimId.Parse(r.ClaimId), r.Name, Enum<ProgramKind>(r.Kind), r.Country,
        Date(r.ValidTime), Enum<Certainty>(r.Certainty), Source(r.Provenance), Text(r.Note));

    public static ReportClaim Command(V1.ReportClaimRequest r) => new(ProgramId.Parse(r.ProgramId), r.ClaimCase switch
    {
        V1.ReportClaimRequest.ClaimOneofCase.Lifecycle => Claim(r.Lifecycle),
        V1.ReportClaimRequest.ClaimOneofCase.Attribute => Claim(r.Attribute),
        _ => Claim(r.OrganisationRole),
    });

    public static ReportClaim Command(V1.StartProductionRequest r) => new(ProgramId.Parse(r.ProgramId),
        new ReportedClaim.Lifecycle(ClaimId.Parse(r.ClaimId), LifecycleStage.ProductionStarted, Date(r.ValidTime), null,
            Enum<Certainty>(r.Certainty), Source(r.Provenance), Text(r.Note)));

    public static DenyReport Command(V1.DenyReportRequest r) => new(
        ProgramId.Parse(r.ProgramId), ClaimId.Parse(r.ClaimId), r.Denies.Select(ClaimId.Parse).ToList(),
        r.DeniedBy, r.Statement, Source(r.Provenance), Text(r.Note));

    public static RankClaim Command(V1.RankClaimRequest r, string actor) =>
        new(ProgramId.Parse(r.ProgramId), ClaimId.Parse(r.ClaimId), Enum<Rank>(r.Rank), r.Reason, actor);

    public static RetractClaim Command(V1.RetractClaimRequest r, string actor) =>
        new(ProgramId.Parse(r.ProgramId), ClaimId.Parse(r.ClaimId), r.Reason, actor);

    public static SupersedeClaim Command(V1.SupersedeClaimRequest r, string actor) => new(ProgramId.Parse(r.ProgramId), ClaimId.Parse(r.ClaimId),
        r.ReplacementCase switch
        {
            V1.SupersedeClaimRequest.ReplacementOneofCase.Lifecycle => Claim(r.Lifecycle),
            V1.SupersedeClaimRequest.ReplacementOneofCase.Attribute => Claim(r.Attribute),
            _ => Claim(r.OrganisationRole),
        },
        r.Reason, actor);

    private static ReportedClaim.Lifecycle Claim(V1.LifecycleClaim c) => new(ClaimId.Parse(c.ClaimId), Enum<LifecycleStage>(c.Stage),
        Date(c.ValidTime), c.Value is null ? null : Value(c.Value), Enum<Certainty>(c.Certainty), Source(c.Provenance), Text(c.Note));

    private static ReportedClaim.AttributeValue Claim(V1.AttributeClaim c) => new(ClaimId.Parse(c.ClaimId), c.Attribute,
        Value(c.Value), Date(c.ValidTime), Enum<Certainty>(c.Certainty), Source(c.Provenance), Text(c.Note));

    private static ReportedClaim.OrganisationRole Claim(V1.OrganisationRoleClaim c) => new(ClaimId.Parse(c.ClaimId), c.Organisation,
        c.Aliases.ToList(), Text(c.OrganisationCountry), Enum<OrganisationRole>(c.Role), Enum<Certainty>(c.Certainty), Source(c.Provenance), Text(c.Note));

    private static Provenance Source(V1.Provenance p) => new(p.Outlet, Text(p.Url), Text(p.Title), Date(p.Published), p.Language,
        Enum<SourceType>(p.SourceType), p.Reliability[0], p.Credibility, p.Quote);

    private static PartialDate? Date(V1.PartialDate? d) => d is null ? null : new PartialDate(
        d.Year == 0 ? null : d.Year, d.Month == 0 ? null : d.Month, d.Day == 0 ? null : d.Day,
        Enum<DatePrecision>(d.Precision), Text(d.Part), Text(d.Text), d.RelativeToPublication);

    private static ClaimValue Value(V1.ClaimValue v) => v.KindCase switch
    {
        V1.ClaimValue.KindOneofCase.Quantity => new ClaimValue.Quantity(Number(v.Quantity.Amount), v.Quantity.Unit),
        V1.ClaimValue.KindOneofCase.Money => Money(v.Money),
        V1.ClaimValue.KindOneofCase.Percentage => new ClaimValue.Percentage(Number(v.Percentage)),
        V1.ClaimValue.KindOneofCase.Date => new ClaimValue.DateValue(Date(v.Date)!),
        V1.ClaimValue.KindOneofCase.Place => new ClaimValue.Place(v.Place.Name, Text(v.Place.Region), Text(v.Place.Country)),
        V1.ClaimValue.KindOneofCase.Text => new ClaimValue.Text(v.Text),
        _ => new ClaimValue.Unreadable(v.Unreadable.Shown, v.Unreadable.Note),
    };

    private static ClaimValue.Money Money(V1.Money m) => new(Number(m.Amount), m.Currency, m.Converted.Select(Money).ToList());

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static string? Text(string text) => text.Length == 0 ? null : text;

    /// <summary>Proto enums are the domain's shifted by one (0 is "unspecified" on the wire).</summary>
    private static T Enum<T>(Enum wire) where T : struct, Enum =>
        (T)(object)(Convert.ToInt32(wire, CultureInfo.InvariantCulture) - 1);
}
