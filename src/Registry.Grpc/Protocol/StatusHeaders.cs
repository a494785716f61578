using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Registry.Grpc.Protocol;

/// <summary>How a call's final status travels: grpc-status, grpc-message and grpc-status-details-bin.</summary>
public static class StatusHeaders
{
    private static readonly string[] CodeTexts = Enumerable.Range(0, 17).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Writes the status headers into <paramref name="headers"/> (response headers or trailers).</summary>
    public static void Write(IHeaderDictionary headers, Status status, Google.Rpc.Status? details)
    {
        headers[GrpcHeaders.Status] = CodeText(status.Code);
        if (!string.IsNullOrEmpty(status.Detail))
            headers[GrpcHeaders.Message] = PercentEncoding.Encode(status.Detail);
        if (details is not null)
            headers[GrpcHeaders.StatusDetails] = Base64Metadata.Encode(Google.Protobuf.MessageExtensions.ToByteArray(details));
    }

    private static string CodeText(StatusCode code) =>
        (uint)code < CodeTexts.Length ? CodeTexts[(int)code] : ((int)code).ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the status from headers or trailers; null when grpc-status is absent.</summary>
    public static (Status Status, Google.Rpc.Status? Details)? Decode(Func<string, string?> header)
    {
        var code = header(GrpcHeaders.Status);
        if (code is null)
            return null;
        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return (new Status(StatusCode.Unknown, $"Invalid grpc-status '{code}'."), null);

        var message = header(GrpcHeaders.Message);
        var status = new Status((StatusCode)value, message is null ? string.Empty : PercentEncoding.Decode(message));
        Google.Rpc.Status? details = null;
        var detailsText = header(GrpcHeaders.StatusDetails);
        if (detailsText is not null)
        {
            try
            {
                details = Google.Rpc.Status.Parser.ParseFrom(Base64Metadata.Decode(detailsText));
            }
            catch (Exception e) when (e is FormatException or Google.Protobuf.InvalidProtocolBufferException)
            {
                details = null;
            }
        }
        return (status, details);
    }
}
