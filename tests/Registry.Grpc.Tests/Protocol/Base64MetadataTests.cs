using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

public class Base64MetadataTests
{
    [Theory]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 1 }, "AQ")]
    [InlineData(new byte[] { 1, 2 }, "AQI")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    [InlineData(new byte[] { 0xFB, 0xFF }, "+/8")]
    public void Encodes_without_padding(byte[] bytes, string expected)
    {
        Assert.Equal(expected, Base64Metadata.Encode(bytes));
    }

    [Theory]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData(" AQID ", new byte[] { 1, 2, 3 })]
    public void Decodes_padded_and_unpadded(string text, byte[] expected)
    {
        Assert.Equal(expected, Base64Metadata.Decode(text));
    }

    [Fact]
    public void Every_length_round_trips()
    {
        for (var length = 0; length < 40; length++)
        {
            var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 37)).ToArray();
            Assert.Equal(bytes, Base64Metadata.Decode(Base64Metadata.Encode(bytes)));
        }
    }

    [Fact]
    public void Rejects_text_that_is_not_base64()
    {
        Assert.Throws<FormatException>(() => Base64Metadata.Decode("not*base64"));
    }
}
