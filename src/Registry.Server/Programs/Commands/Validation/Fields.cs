using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Registry.Domain;
using Registry.Domain.Claims;

namespace Registry.Server.Programs.Commands.Validation;

/// <summary>
/// Field rules shared by every command: ids, texts, codes. Any check beyond emptiness and length is one predicate
/// or regex here, used by both the FluentValidation rules and the validators' quick <c>Accepts</c> pass; that
/// the two passes apply the same checks to the same fields is what ValidationEquivalenceTests proves.
/// </summary>
internal static partial class Fields
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    public static IRuleBuilderOptions<T, string> CommandId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("must be set: it makes a retried command safe").MaximumLength(100);

    public static bool IsCommandId(string id) => Required(id, 100);

    public static IRuleBuilderOptions<T, string> ProgramIdText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(IsProgramId).WithMessage("must be 3-80 lower-case letters, digits or '-' (e.g. kz-tulpar-light-tank)");

    public static bool IsProgramId(string id) => ProgramId.IsValid(id);

    public static IRuleBuilderOptions<T, string> ClaimIdText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(IsClaimId).WithMessage("must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");

    public static bool IsClaimId(string id) => ClaimId.IsValid(id);

    // Enum.IsDefined<T> rather than IsInEnum(), which reads the enum's attributes on every call.
    public static IRuleBuilderOptions<T, TEnum> Known<T, TEnum>(this IRuleBuilder<T, TEnum> rule) where TEnum : struct, Enum =>
        rule.Must(Enum.IsDefined).WithMessage("is not a known value")
            .Must(value => !EqualityComparer<TEnum>.Default.Equals(value, default)).WithMessage("must be set");

    public static bool IsKnown<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Enum.IsDefined(value) && !EqualityComparer<TEnum>.Default.Equals(value, default);

    public static IRuleBuilderOptions<T, string> Reason<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("must say why").MaximumLength(1000);

    public static bool IsReason(string reason) => Required(reason, 1000);

    /// <summary>What NotEmpty().MaximumLength(max) accepts: not blank, at most max characters.</summary>
    public static bool Required(string text, int max) => !string.IsNullOrWhiteSpace(text) && text.Length <= max;

    /// <summary>A non-negative decimal number; a leading sign is parsed so that "-5" reads as negative, not as garbage.</summary>
    public static bool IsDecimal(string? text) => ParseDecimal(text) is >= 0;

    public static bool IsPercentage(string? text) => ParseDecimal(text) is >= 0 and <= 100;

    private static decimal? ParseDecimal(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool IsHttpUrlOrEmpty(string url) =>
        url.Length == 0 || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>0 (unknown), or a day of the given month (which must then be known, as must the year).</summary>
    public static bool IsDayOrZero(int year, int month, int day) =>
        day == 0 || (year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month));

    [GeneratedRegex("^[A-Z]{2}$")]
    public static partial Regex CountryCode();

    [GeneratedRegex("^([A-Z]{2})?$")]
    public static partial Regex CountryCodeOrEmpty();

    [GeneratedRegex("^[A-Z]{3}$")]
    public static partial Regex CurrencyCode();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public static partial Regex LanguageTag();

    [GeneratedRegex("^[A-F]$")]
    public static partial Regex AdmiraltyGrade();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    public static partial Regex SnakeCase();
}
