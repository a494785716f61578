namespace Registry.Grpc.Protocol;

/// <summary>Binary (<c>-bin</c>) header values: sent as unpadded base64, accepted padded or unpadded.</summary>
public static class Base64Metadata
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    public static byte[] Decode(string value)
    {
        var trimmed = value.Trim().TrimEnd('=');
        var padded = trimmed.PadRight(trimmed.Length + ((4 - (trimmed.Length % 4)) % 4), '=');
        return Convert.FromBase64String(padded);
    }
}
