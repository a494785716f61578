using System.Globalization;
using FluentValidation;
using Registry.Domain;
using Registry.V1;

namespace Registry.Server.Programs.Commands.Validation;

/// <summary>Field rules shared by every command: ids, provenance, dates, values.</summary>
internal static class Fields
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    public static IRuleBuilderOptions<T, string> CommandId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("must be set: it makes a retried command safe").MaximumLength(100);

    public static IRuleBuilderOptions<T, string> ProgramIdText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(ProgramId.IsValid).WithMessage("must be 3-80 lower-case letters, digits or '-' (e.g. kz-tulpar-light-tank)");

    public static IRuleBuilderOptions<T, string> ClaimIdText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(Registry.Domain.Claims.ClaimId.IsValid).WithMessage("must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");

    // Enum.IsDefined<T> rather than IsInEnum(), which reads the enum's attributes on every call.
    public static IRuleBuilderOptions<T, TEnum> Known<T, TEnum>(this IRuleBuilder<T, TEnum> rule) where TEnum : struct, Enum =>
        rule.Must(Enum.IsDefined).WithMessage("is not a known value")
            .Must(value => !EqualityComparer<TEnum>.Default.Equals(value, default)).WithMessage("must be set");

    public static IRuleBuilderOptions<T, string> Reason<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("must say why").MaximumLength(1000);

    /// <summary>A non-negative decimal number; a leading sign is parsed so that "-5" reads as negative, not as garbage.</summary>
    public static bool IsDecimal(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) &&
        value >= 0;
}

internal sealed class PartialDateValidator : AbstractValidator<PartialDate>
{
    public PartialDateValidator()
    {
        RuleFor(d => d.Precision).Known();
        RuleFor(d => d.Year).Must(y => y == 0 || y is >= 1800 and <= 2200).WithMessage("must be 0 (unknown) or between 1800 and 2200");
        RuleFor(d => d.Month).InclusiveBetween(0, 12);
        RuleFor(d => d.Month).GreaterThan(0).When(d => d.Precision is DatePrecision.Month or DatePrecision.Day)
            .WithMessage("must be set at month or day precision");
        RuleFor(d => d.Day).Must((d, day) => day == 0 || (d.Year > 0 && d.Month > 0 && day <= DateTime.DaysInMonth(d.Year, d.Month)))
            .WithMessage("must be a day of the given month");
        RuleFor(d => d.Day).GreaterThan(0).When(d => d.Precision == DatePrecision.Day).WithMessage("must be set at day precision");
        RuleFor(d => d.Part).MaximumLength(40);
        RuleFor(d => d.Text).MaximumLength(Fields.ShortText);
    }
}

internal sealed class ProvenanceValidator : AbstractValidator<Provenance>
{
    public ProvenanceValidator()
    {
        RuleFor(p => p.Outlet).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(p => p.Url).Must(url => url.Length == 0 || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage("must be an absolute http(s) URL or empty").MaximumLength(2000);
        RuleFor(p => p.Title).MaximumLength(500);
        RuleFor(p => p.Published!).SetValidator(new PartialDateValidator()).When(p => p.Published is not null);
        RuleFor(p => p.Language).NotEmpty().Matches("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$").WithMessage("must be a language tag such as en or kk");
        RuleFor(p => p.SourceType).Known();
        RuleFor(p => p.Reliability).Matches("^[A-F]$").WithMessage("must be an Admiralty source grade A-F");
        RuleFor(p => p.Credibility).InclusiveBetween(1, 6).WithMessage("must be an Admiralty credibility 1-6");
        RuleFor(p => p.Quote).NotEmpty().WithMessage("must quote the passage the claim rests on").MaximumLength(Fields.LongText);
    }
}

internal sealed class ClaimValueValidator : AbstractValidator<ClaimValue>
{
    public ClaimValueValidator()
    {
        RuleFor(v => v.KindCase).NotEqual(ClaimValue.KindOneofCase.None).WithMessage("must hold a value");
        When(v => v.KindCase == ClaimValue.KindOneofCase.Quantity, () =>
        {
            RuleFor(v => v.Quantity.Amount).Must(a => Fields.IsDecimal(a)).WithMessage("must be a non-negative decimal number");
            RuleFor(v => v.Quantity.Unit).NotEmpty().MaximumLength(40);
        });
        When(v => v.KindCase == ClaimValue.KindOneofCase.Money, () =>
        {
            RuleFor(v => v.Money.Amount).Must(a => Fields.IsDecimal(a)).WithMessage("must be a non-negative decimal number");
            RuleFor(v => v.Money.Currency).Matches("^[A-Z]{3}$").WithMessage("must be an ISO 4217 code such as KZT");
            RuleForEach(v => v.Money.Converted).ChildRules(c =>
            {
                c.RuleFor(m => m.Amount).Must(a => Fields.IsDecimal(a)).WithMessage("must be a non-negative decimal number");
                c.RuleFor(m => m.Currency).Matches("^[A-Z]{3}$").WithMessage("must be an ISO 4217 code such as USD");
            });
        });
        When(v => v.KindCase == ClaimValue.KindOneofCase.Percentage, () =>
            RuleFor(v => v.Percentage).Must(p => Fields.IsDecimal(p) && decimal.Parse(p, CultureInfo.InvariantCulture) <= 100)
                .WithMessage("must be a decimal number from 0 to 100"));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Date, () => RuleFor(v => v.Date).SetValidator(new PartialDateValidator()));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Place, () => RuleFor(v => v.Place.Name).NotEmpty().MaximumLength(Fields.ShortText));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Text, () => RuleFor(v => v.Text).NotEmpty().MaximumLength(Fields.LongText));
        When(v => v.KindCase == ClaimValue.KindOneofCase.Unreadable, () =>
        {
            RuleFor(v => v.Unreadable.Shown).NotEmpty().WithMessage("must show what the source prints").MaximumLength(Fields.ShortText);
            RuleFor(v => v.Unreadable.Note).MaximumLength(Fields.LongText);
        });
    }
}
