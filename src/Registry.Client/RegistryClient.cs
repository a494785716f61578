using Registry.Grpc.Client;

namespace Registry.Client;

/// <summary>The registry at one address: commands, queries and admin over one shared channel.</summary>
public sealed class RegistryClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Uses a channel the caller owns (and disposes).</summary>
    public RegistryClient(GrpcChannel channel, CallContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Channel = channel;
        context ??= CallContext.None;
        Commands = new ProgramCommandsClient(channel, context);
        Queries = new ProgramQueriesClient(channel, context);
        Admin = new AdminClient(channel, context);
    }

    private RegistryClient(GrpcChannel channel, CallContext? context, bool owned) : this(channel, context) =>
        _ownedChannel = owned ? channel : null;

    /// <summary>Opens a channel to <paramref name="address"/> (http:// is h2c, https:// is TLS) that this client disposes.</summary>
    public static RegistryClient Connect(Uri address, CallContext? context = null) => new(GrpcChannel.ForAddress(address), context, owned: true);

    public GrpcChannel Channel { get; }
    public ProgramCommandsClient Commands { get; }
    public ProgramQueriesClient Queries { get; }
    public AdminClient Admin { get; }

    public void Dispose() => _ownedChannel?.Dispose();
}
