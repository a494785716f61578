using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

public class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_found_case_insensitively()
    {
        var metadata = new Metadata().Add("X-Request-Id", "abc");

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("abc", metadata.GetValue("X-REQUEST-ID"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("naïve")]
    [InlineData("colon:")]
    [InlineData(":path")]
    [InlineData("grpc-status")]
    [InlineData("GRPC-custom")]
    public void Rejects_invalid_or_reserved_keys(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("x-trace_id.v2")]
    [InlineData("0-9")]
    public void Accepts_valid_keys(string key)
    {
        Assert.Single(new Metadata().Add(key, "v"));
    }

    [Fact]
    public void Text_value_under_a_bin_key_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("trace-bin", "text"));
    }

    [Fact]
    public void Binary_value_needs_a_bin_key()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("trace", new byte[] { 1 }));
    }

    [Theory]
    [InlineData("tab\t")]
    [InlineData("new\nline")]
    [InlineData("ünï")]
    public void Text_values_must_be_printable_ascii(string value)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("k", value));
    }

    [Fact]
    public void Binary_values_are_kept_as_bytes()
    {
        var metadata = new Metadata().Add("Trace-Bin", new byte[] { 0, 255 });

        Assert.True(metadata[0].IsBinary);
        Assert.Equal(new byte[] { 0, 255 }, metadata.GetBytes("trace-bin"));
        Assert.Null(metadata.GetValue("trace-bin"));
    }

    [Fact]
    public void Repeated_keys_keep_every_value_and_the_last_wins_for_lookup()
    {
        var metadata = new Metadata().Add("k", "1").Add("k", "2");

        Assert.Equal(["1", "2"], metadata.GetAll("k").Select(e => e.Value));
        Assert.Equal("2", metadata.GetValue("k"));
    }
}
