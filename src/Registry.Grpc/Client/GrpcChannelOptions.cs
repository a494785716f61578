using System.Net.Security;

namespace Registry.Grpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>; they apply to every call made on it.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The gRPC default: 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>A reply larger than this (before or after decompression) fails the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>A request larger than this (serialized, uncompressed) is refused with RESOURCE_EXHAUSTED before sending.</summary>
    public int MaxSendMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>
    /// Metadata sent with every call, such as a credential (<c>authorization</c>); a call's own header of the
    /// same key replaces it.
    /// </summary>
    public Metadata? Headers { get; init; }

    /// <summary>Gzip every request message (<c>grpc-encoding: gzip</c>).</summary>
    public bool CompressRequests { get; init; }

    /// <summary>For https:// addresses: replaces the system's certificate check, e.g. to trust a test's self-signed certificate.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Idle time on a connection with calls in flight before a keep-alive PING is sent.</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the PING's answer before the connection is dropped.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
