using System.Text.RegularExpressions;

namespace Registry.Domain.Claims;

/// <summary>Names one claim within its programme so that denials and corrections can point at it.</summary>
public readonly partial record struct ClaimId
{
    private ClaimId(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static ClaimId Parse(string value) =>
        IsValid(value) ? new ClaimId(value) : throw new ArgumentException($"'{value}' is not a claim id.", nameof(value));

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex Pattern();
}
