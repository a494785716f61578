using FluentValidation;
using Google.Protobuf.Collections;
using Registry.V1;

namespace Registry.Server.Programs.Commands.Validation;

// Each validator states its rules twice, side by side: FluentValidation's, which name every bad field, and a quick
// Accepts pass for the common valid request, which allocates next to nothing. Both use the same Fields predicates,
// and ValidationEquivalenceTests proves that Accepts is true exactly when FluentValidation finds nothing.

internal sealed class PartialDateValidator : AbstractValidator<PartialDate>
{
    public PartialDateValidator()
    {
        RuleFor(d => d.Precision).Known();
        RuleFor(d => d.Year).Must(IsYear).WithMessage("must be 0 (unknown) or between 1800 and 2200");
        RuleFor(d => d.Month).InclusiveBetween(0, 12);
        RuleFor(d => d.Month).GreaterThan(0).When(NeedsMonth).WithMessage("must be set at month or day precision");
        RuleFor(d => d.Day).Must((d, day) => Fields.IsDayOrZero(d.Year, d.Month, day)).WithMessage("must be a day of the given month");
        RuleFor(d => d.Day).GreaterThan(0).When(d => d.Precision == DatePrecision.Day).WithMessage("must be set at day precision");
        RuleFor(d => d.Part).MaximumLength(40);
        RuleFor(d => d.Text).MaximumLength(Fields.ShortText);
    }

    public static bool Accepts(PartialDate d) =>
        Fields.IsKnown(d.Precision) && IsYear(d.Year) && d.Month is >= 0 and <= 12 && (d.Month > 0 || !NeedsMonth(d)) &&
        Fields.IsDayOrZero(d.Year, d.Month, d.Day) && (d.Day > 0 || d.Precision != DatePrecision.Day) &&
        d.Part.Length <= 40 && d.Text.Length <= Fields.ShortText;

    private static bool IsYear(int year) => year == 0 || year is >= 1800 and <= 2200;

    private static bool NeedsMonth(PartialDate d) => d.Precision is DatePrecision.Month or DatePrecision.Day;
}

internal sealed class ProvenanceValidator : AbstractValidator<Provenance>
{
    public ProvenanceValidator()
    {
        RuleFor(p => p.Outlet).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(p => p.Url).Must(Fields.IsHttpUrlOrEmpty).WithMessage("must be an absolute http(s) URL or empty").MaximumLength(2000);
        RuleFor(p => p.Title).MaximumLength(500);
        RuleFor(p => p.Published!).SetValidator(new PartialDateValidator()).When(p => p.Published is not null);
        RuleFor(p => p.Language).NotEmpty().Matches(Fields.LanguageTag()).WithMessage("must be a language tag such as en or kk");
        RuleFor(p => p.SourceType).Known();
        RuleFor(p => p.Reliability).Matches(Fields.AdmiraltyGrade()).WithMessage("must be an Admiralty source grade A-F");
        RuleFor(p => p.Credibility).InclusiveBetween(1, 6).WithMessage("must be an Admiralty credibility 1-6");
        RuleFor(p => p.Quote).NotEmpty().WithMessage("must quote the passage the claim rests on").MaximumLength(Fields.LongText);
    }

    /// <summary>Null fails here: every claim needs its provenance.</summary>
    public static bool Accepts(Provenance? p) =>
        p is not null && Fields.Required(p.Outlet, Fields.ShortText) && Fields.IsHttpUrlOrEmpty(p.Url) && p.Url.Length <= 2000 &&
        p.Title.Length <= 500 && (p.Published is null || PartialDateValidator.Accepts(p.Published)) &&
        !string.IsNullOrWhiteSpace(p.Language) && Fields.LanguageTag().IsMatch(p.Language) && Fields.IsKnown(p.SourceType) &&
        Fields.AdmiraltyGrade().IsMatch(p.Reliability) && p.Credibility is >= 1 and <= 6 && Fields.Required(p.Quote, Fields.LongText);
}

internal sealed class ClaimValueValidator : AbstractValidator<ClaimValue>
{
    public ClaimValueValidator()
    {
        RuleFor(v => v.KindCase).NotEqual(ClaimValue.KindOneofCase.None).WithMessage("must hold a value");
        When(v => v.KindCase == ClaimValue.KindOneofCase.Quantity, () =>
        {
            RuleFor(v => v.Quantity.Amount).Must(Fields.IsDecimal).WithMessage("must be a non-negative decimal number");
            RuleFor(v => v.Quantity.Unit).NotEmpty().MaximumLength(40);
        });
        When(v => v.KindCase == ClaimValue.KindOneofCase.Money, () =>
        {
            RuleFor(v => v.Money.Amount).Must(Fields.IsDecimal).WithMessage("must be a non-negative decimal number");
            RuleFor(v => v.Money.Currency).Matches(Fields.CurrencyCode()).WithMessage("must be an ISO 4217 code such as KZT");
            RuleForEach(v => v.Money.Converted).SetValidator(new ConversionValidator());
        });
        When(v => v.KindCase == ClaimValue.KindOneofCase.Percentage, () =>
            RuleFor(v => v.Percentage).Must(Fields.IsPercentage).WithMessage("must be a decimal number from 0 to 100"));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Date, () => RuleFor(v => v.Date).SetValidator(new PartialDateValidator()));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Place, () => RuleFor(v => v.Place.Name).NotEmpty().MaximumLength(Fields.ShortText));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Text, () => RuleFor(v => v.Text).NotEmpty().MaximumLength(Fields.LongText));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Unreadable, () =>
        {
            RuleFor(v => v.Unreadable.Shown).NotEmpty().WithMessage("must show what the source prints").MaximumLength(Fields.ShortText);
            RuleFor(v => v.Unreadable.Note).MaximumLength(Fields.LongText);
        });
    }

    public static bool Accepts(ClaimValue v) => v.KindCase switch
    {
        ClaimValue.KindOneofCase.None => false,
        ClaimValue.KindOneofCase.Quantity => Fields.IsDecimal(v.Quantity.Amount) && Fields.Required(v.Quantity.Unit, 40),
        ClaimValue.KindOneofCase.Money => Fields.IsDecimal(v.Money.Amount) && Fields.CurrencyCode().IsMatch(v.Money.Currency) &&
            ConversionValidator.Accepts(v.Money.Converted),
        ClaimValue.KindOneofCase.Percentage => Fields.IsPercentage(v.Percentage),
        ClaimValue.KindOneofCase.Date => PartialDateValidator.Accepts(v.Date),
        ClaimValue.KindOneofCase.Place => Fields.Required(v.Place.Name, Fields.ShortText),
        ClaimValue.KindOneofCase.Text => Fields.Required(v.Text, Fields.LongText),
        ClaimValue.KindOneofCase.Unreadable => Fields.Required(v.Unreadable.Shown, Fields.ShortText) && v.Unreadable.Note.Length <= Fields.LongText,
        _ => true,
    };
}

/// <summary>An amount in another currency as the source gave it; its own conversions (if any) are checked the same way.</summary>
internal sealed class ConversionValidator : AbstractValidator<Money>
{
    public ConversionValidator()
    {
        RuleFor(m => m.Amount).Must(Fields.IsDecimal).WithMessage("must be a non-negative decimal number");
        RuleFor(m => m.Currency).Matches(Fields.CurrencyCode()).WithMessage("must be an ISO 4217 code such as USD");
        RuleForEach(m => m.Converted).SetValidator(this);
    }

    public static bool Accepts(RepeatedField<Money> conversions)
    {
        for (var i = 0; i < conversions.Count; i++)
        {
            var m = conversions[i];
            if (!Fields.IsDecimal(m.Amount) || !Fields.CurrencyCode().IsMatch(m.Currency) || !Accepts(m.Converted))
                return false;
        }
        return true;
    }
}
