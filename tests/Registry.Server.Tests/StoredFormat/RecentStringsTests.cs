using System.Text.Json;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Tests.StoredFormat;

/// <summary>Strings read through <see cref="RecentStrings"/> are the strings written, and a repeated one is one instance.</summary>
public sealed class RecentStringsTests
{
    private sealed record Sample(string? A, string? B);

    private static readonly JsonSerializerOptions Options = new() { Converters = { new RecentStrings() } };

    [Theory]
    [InlineData("Defence Daily")]
    [InlineData("")]
    [InlineData("quote \"inside\" and \\ back\nslash")]
    [InlineData("Қазақстан інжиниринг 🛡")]
    [InlineData("a string longer than the strings worth sharing, such as a quote from a source that nobody else will repeat word for word, ever")]
    public void A_string_reads_back_as_written(string value)
    {
        var read = JsonSerializer.Deserialize<Sample>(JsonSerializer.Serialize(new Sample(value, null), Options), Options)!;

        Assert.Equal(value, read.A);
        Assert.Null(read.B);
    }

    [Fact]
    public void A_short_string_met_again_is_the_same_instance_and_a_different_one_is_not_mistaken_for_it()
    {
        var first = JsonSerializer.Deserialize<Sample>("""{"A":"Army Recognition","B":"Army Recognitiom"}""", Options)!;
        var second = JsonSerializer.Deserialize<Sample>("""{"A":"Army Recognition","B":"en"}""", Options)!;

        Assert.Same(first.A, second.A);
        Assert.Equal("Army Recognitiom", first.B);
        Assert.Equal("en", second.B);
    }

    [Fact]
    public void Stored_events_are_read_with_it()
    {
        const string json = """{"outlet":"Defence Daily","language":"en","source_type":"news","reliability":"B","credibility":2,"quote":"q"}""";

        var first = JsonSerializer.Deserialize<Registry.Domain.Claims.Provenance>(json, DomainJson.Options)!;
        var second = JsonSerializer.Deserialize<Registry.Domain.Claims.Provenance>(json, DomainJson.Options)!;

        Assert.Same(first.Outlet, second.Outlet);
    }
}
