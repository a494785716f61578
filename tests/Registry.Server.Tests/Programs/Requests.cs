using Registry.V1;

namespace Registry.Server.Tests.Programs;

/// <summary>Well-formed requests, close to the seeds: a light tank on a licensed chassis, its turret calibre, its makers.</summary>
internal static class Requests
{
    public static string NewProgramId(string prefix = "kz-tulpar") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 80)];

    public static string NewCommandId() => $"cmd-{Guid.NewGuid():N}";

    /// <summary>A news source graded e.g. "A2" (reliability A, credibility 2).</summary>
    public static Provenance Source(string outlet, string grade, string quote = "The turret carries a 120 mm gun.", int day = 14) => new()
    {
        Outlet = outlet,
        Url = $"https://{outlet.ToLowerInvariant().Replace(' ', '-')}.example/articles/1",
        Title = $"{outlet} on the programme",
        Published = new PartialDate { Year = 2024, Month = 5, Day = day, Precision = DatePrecision.Day },
        Language = "en",
        SourceType = SourceType.News,
        Reliability = grade[..1],
        Credibility = grade[1] - '0',
        Quote = quote,
    };

    public static AnnounceProgramRequest Announce(string programId, string name = "Tulpar light tank", ProgramKind kind = ProgramKind.LightTank, string country = "KZ") => new()
    {
        CommandId = NewCommandId(),
        ProgramId = programId,
        ClaimId = "announced",
        Name = name,
        Kind = kind,
        Country = country,
        ValidTime = new PartialDate { Year = 2024, Precision = DatePrecision.Year },
        Certainty = Certainty.Reported,
        Provenance = Source("Kazinform", "B2", "The programme was announced today."),
    };

    public static AttributeClaim Calibre(string claimId, string millimetres, string outlet, string grade) => new()
    {
        ClaimId = claimId,
        Attribute = "turret_calibre",
        Value = new ClaimValue { Quantity = new Quantity { Amount = millimetres, Unit = "mm" } },
        Certainty = Certainty.Reported,
        Provenance = Source(outlet, grade, $"The turret carries a {millimetres} mm gun."),
    };

    public static ReportClaimRequest Report(string programId, AttributeClaim claim, long? expectedVersion = null) => new()
    {
        CommandId = NewCommandId(),
        ProgramId = programId,
        ExpectedVersion = expectedVersion,
        Attribute = claim,
    };

    public static ReportClaimRequest Organisation(string programId, string claimId, string organisation, string country, OrganisationRole role, params string[] aliases)
    {
        var claim = new OrganisationRoleClaim
        {
            ClaimId = claimId,
            Organisation = organisation,
            OrganisationCountry = country,
            Role = role,
            Certainty = Certainty.Reported,
            Provenance = Source("Army Recognition", "B2", $"{organisation} will build the vehicle."),
        };
        claim.Aliases.AddRange(aliases);
        return new ReportClaimRequest { CommandId = NewCommandId(), ProgramId = programId, OrganisationRole = claim };
    }

    public static StartProductionRequest StartProduction(string programId, string claimId = "production-started") => new()
    {
        CommandId = NewCommandId(),
        ProgramId = programId,
        ClaimId = claimId,
        ValidTime = new PartialDate { Year = 2026, Precision = DatePrecision.Year },
        Certainty = Certainty.Confirmed,
        Provenance = Source("Ministry of Defence", "A1", "Serial production has begun.", day: 20),
    };

    public static DenyReportRequest Deny(string programId, string claimId, params string[] denies)
    {
        var request = new DenyReportRequest
        {
            CommandId = NewCommandId(),
            ProgramId = programId,
            ClaimId = claimId,
            DeniedBy = "Kazakhstan Paramount Engineering",
            Statement = "The vehicle does not carry a 120 mm gun.",
            Provenance = Source("Company press office", "A1", "We deny that the vehicle carries a 120 mm gun.", day: 21),
        };
        request.Denies.AddRange(denies);
        return request;
    }

    public static RankClaimRequest Rank(string programId, string claimId, Rank rank, string reason) =>
        new() { CommandId = NewCommandId(), ProgramId = programId, ClaimId = claimId, Rank = rank, Reason = reason };

    public static RetractClaimRequest Retract(string programId, string claimId, string reason) =>
        new() { CommandId = NewCommandId(), ProgramId = programId, ClaimId = claimId, Reason = reason };

    public static SupersedeClaimRequest Supersede(string programId, string claimId, AttributeClaim replacement, string reason) =>
        new() { CommandId = NewCommandId(), ProgramId = programId, ClaimId = claimId, Reason = reason, Attribute = replacement };
}
