using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

public class PercentEncodingTests
{
    [Theory]
    [InlineData("Ошибка: ünïcödé ✓")]
    [InlineData("tab\there, newline\nthere")]
    [InlineData("emoji 🚀 (a surrogate pair)")]
    [InlineData("100% sure")]
    public void Non_printable_and_non_ascii_text_round_trips_through_printable_ascii(string message)
    {
        var encoded = PercentEncoding.Encode(message);

        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Equal(message, PercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Encodes_utf8_bytes_as_upper_case_escapes()
    {
        Assert.Equal("caf%C3%A9 %E2%9C%93", PercentEncoding.Encode("café ✓"));
    }

    [Fact]
    public void Percent_itself_is_escaped()
    {
        Assert.Equal("50%25", PercentEncoding.Encode("50%"));
        Assert.Equal("50%", PercentEncoding.Decode("50%25"));
    }

    [Fact]
    public void Printable_ascii_is_left_alone()
    {
        const string Plain = "Not found: key 'a/b' (id=7) ~!@#$^&*";
        Assert.Same(Plain, PercentEncoding.Encode(Plain));
    }

    [Fact]
    public void Lower_case_escapes_decode()
    {
        Assert.Equal("ü", PercentEncoding.Decode("%c3%bc"));
    }

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("a%zzb", "a%zzb")]
    [InlineData("%G1 and %41", "%G1 and A")]
    [InlineData("%%41", "%A")]
    public void Malformed_escapes_are_kept_as_they_are(string encoded, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(encoded));
    }
}
