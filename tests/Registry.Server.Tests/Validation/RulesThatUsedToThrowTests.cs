using Registry.Server.Programs.Commands.Validation;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Validation;

/// <summary>Requests that once made a handler throw (UNKNOWN) or slipped through: each is now refused naming its field.</summary>
public sealed class RulesThatUsedToThrowTests
{
    private static readonly ReportClaimValidator Rules = new();

    private static string[] BadFields(ReportClaimRequest request) =>
        Rules.Failures(request) is { } failures ? [.. InvalidRequest.From(failures).Violations.Select(v => v.Field).Distinct().Order(StringComparer.Ordinal)] : [];

    [Theory]
    [InlineData(2024, 13, 1, new[] { "attribute.provenance.published.day", "attribute.provenance.published.month" })] // DaysInMonth threw
    [InlineData(99999, 5, 1, new[] { "attribute.provenance.published.day", "attribute.provenance.published.year" })] // DaysInMonth threw
    [InlineData(2024, 5, -3, new[] { "attribute.provenance.published.day" })] // was accepted; PartialDate.Earliest threw later
    public void A_day_outside_its_month_is_invalid(int year, int month, int day, string[] fields)
    {
        var claim = Calibre("calibre-x", "120", "Defense News", "A2");
        claim.Provenance.Published = new PartialDate { Year = year, Month = month, Day = day, Precision = DatePrecision.Month };

        Assert.Equal(fields, BadFields(Report("kz-tulpar", claim)));
    }

    [Fact]
    public void A_conversion_of_a_conversion_is_checked_like_the_first()
    {
        var claim = Calibre("investment", "1", "Kazinform", "B2");
        var usd = new Money { Amount = "28", Currency = "USD" };
        usd.Converted.Add(new Money { Amount = "lots", Currency = "EUR" });
        claim.Value = new ClaimValue { Money = new Money { Amount = "13.5", Currency = "KZT", Converted = { usd } } };

        Assert.Equal(["attribute.value.money.converted[0].converted[0].amount"], BadFields(Report("kz-tulpar", claim)));
    }
}
