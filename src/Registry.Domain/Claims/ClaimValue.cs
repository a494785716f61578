using System.Globalization;

namespace Registry.Domain.Claims;

/// <summary>The value an attribute claim gives. Two claims conflict when their values differ.</summary>
public abstract record ClaimValue
{
    private protected ClaimValue()
    {
    }

    public sealed record Quantity(decimal Amount, string Unit) : ClaimValue
    {
        public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Unit}";
    }

    /// <summary>An amount of money in its currency (ISO 4217), with the conversions the source itself gave.</summary>
    public sealed record Money(decimal Amount, string Currency, IReadOnlyList<Money> Converted) : ClaimValue
    {
        public bool Equals(Money? other) => other is not null && Amount == other.Amount && Currency == other.Currency;

        public override int GetHashCode() => HashCode.Combine(Amount, Currency);

        public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency}";
    }

    public sealed record Percentage(decimal Value) : ClaimValue
    {
        public override string ToString() => $"{Value.ToString(CultureInfo.InvariantCulture)} %";
    }

    public sealed record DateValue(PartialDate Value) : ClaimValue
    {
        public override string ToString() => Value.ToString();
    }

    public sealed record Place(string Name, string? Region, string? Country) : ClaimValue
    {
        public override string ToString() => string.Join(", ", new[] { Name, Region, Country }.Where(p => !string.IsNullOrEmpty(p)));
    }

    public sealed record Text(string Value) : ClaimValue
    {
        public override string ToString() => Value;
    }

    /// <summary>What the source shows where a value should be, when it cannot be read (e.g. "@"): never a guess.</summary>
    public sealed record Unreadable(string Shown, string Note) : ClaimValue
    {
        public override string ToString() => $"unreadable (\"{Shown}\")";
    }
}
