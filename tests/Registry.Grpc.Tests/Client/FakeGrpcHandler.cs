using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Client;

/// <summary>Answers every request with a canned HTTP response, recording what was sent.</summary>
internal sealed class FakeGrpcHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    public List<byte[]> RequestBodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        RequestBodies.Add(request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken));
        return respond(request);
    }

    public static byte[] Frame(IMessage message, bool gzip = false)
    {
        var payload = message.ToByteArray();
        if (gzip)
            payload = MessageFrame.Gzip(payload);
        var frame = new byte[MessageFrame.HeaderSize + payload.Length];
        MessageFrame.WriteHeader(frame, gzip, payload.Length);
        payload.CopyTo(frame, MessageFrame.HeaderSize);
        return frame;
    }

    /// <summary>A 200 gRPC response with the given body, delivered one byte per read, and trailers.</summary>
    public static HttpResponseMessage Response(byte[] body, string? grpcStatus = "0", string contentType = GrpcHeaders.ContentType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Version = HttpVersion.Version20,
            Content = new StreamContent(new OneBytePerReadStream(body)),
        };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (grpcStatus is not null)
            response.TrailingHeaders.TryAddWithoutValidation(GrpcHeaders.Status, grpcStatus);
        return response;
    }

    /// <summary>Forces every frame header to straddle reads, as a slow network would.</summary>
    private sealed class OneBytePerReadStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
