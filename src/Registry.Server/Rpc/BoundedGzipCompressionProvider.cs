using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Registry.Server.Rpc;

/// <summary>
/// gzip for request messages, decompressed no further than the largest message the server accepts. grpc-dotnet
/// checks a compressed message's size but inflates it without a bound, so a few KiB of gzip could otherwise
/// make it allocate gigabytes; past the limit the call ends with RESOURCE_EXHAUSTED, like an uncompressed
/// message over the limit.
/// </summary>
internal sealed class BoundedGzipCompressionProvider(int maxMessageSize) : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) =>
        new BoundedReadStream(new GZipStream(stream, CompressionMode.Decompress), maxMessageSize);
}
