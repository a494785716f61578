using Grpc.Core;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Registry.Testing;

/// <summary>
/// Sends hand-made HTTP/2 requests, byte for byte, so tests can say exactly what reaches the server:
/// malformed frames, wrong headers, requests no gRPC client would send.
/// </summary>
internal sealed class RawGrpc : IDisposable
{
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
    private readonly Uri _address;

    public RawGrpc(Uri address) => _address = address;

    public static byte[] Frame(IMessage message, bool compressedFlag = false) => Frame(message.ToByteArray(), compressedFlag);

    public static byte[] Frame(byte[] payload, bool compressedFlag = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async Task<Reply> SendAsync(string path, byte[] body, string contentType = "application/grpc",
        Action<HttpRequestMessage>? configure = null, HttpMethod? method = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(_address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        configure?.Invoke(request);
        using var response = await _http.SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Reply(response.StatusCode, Flatten(response.Headers, response.Content.Headers), Flatten(response.TrailingHeaders), content);
    }

    private static Dictionary<string, string> Flatten(params HttpHeaders[] headers) => headers
        .SelectMany(h => h)
        .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));

    public void Dispose() => _http.Dispose();

    public sealed record Reply(HttpStatusCode HttpStatus, Dictionary<string, string> Headers, Dictionary<string, string> Trailers, byte[] Body)
    {
        /// <summary>
        /// The status a gRPC client reports: grpc-status from the trailers, or from the headers of a trailers-only
        /// response; without one, the code the gRPC spec gives a non-200 HTTP status (401 UNAUTHENTICATED, 403
        /// PERMISSION_DENIED, ...): ASP.NET Core's authorization refuses a call that way.
        /// </summary>
        public StatusCode? Status => Trailers.TryGetValue("grpc-status", out var t) ? (StatusCode)int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)
            : Headers.TryGetValue("grpc-status", out var h) ? (StatusCode)int.Parse(h, System.Globalization.CultureInfo.InvariantCulture)
            : FromHttpStatus(HttpStatus);

        private static StatusCode? FromHttpStatus(HttpStatusCode status) => status switch
        {
            HttpStatusCode.OK => null,
            HttpStatusCode.BadRequest => StatusCode.Internal,
            HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
            HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
            HttpStatusCode.NotFound => StatusCode.Unimplemented,
            HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };

        public string? Message => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

        public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && Body.Length == 0;

        public override string ToString() =>
            $"HTTP {(int)HttpStatus}, grpc-status {Status}, grpc-message '{Message}', {Body.Length} body bytes";
    }
}
