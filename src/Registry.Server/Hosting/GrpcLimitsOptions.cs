namespace Registry.Server.Hosting;

/// <summary>"Grpc:Limits": what one call and one connection may take.</summary>
public sealed class GrpcLimitsOptions
{
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted, after decompression; larger ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Largest response message sent; a larger one ends its call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>
    /// The deadline of a unary call whose client sent no <c>grpc-timeout</c>; null: none. Streaming calls
    /// (watches are meant to last) keep only the deadline their client sets.
    /// </summary>
    public TimeSpan? DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Concurrent HTTP/2 streams (calls) one connection may have open; announced to clients in SETTINGS.</summary>
    public int MaxConcurrentStreamsPerConnection { get; set; } = 100;
}
