using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Registry.V1;

namespace Registry.Client;

/// <summary>
/// The registry at one address: the generated clients of ProgramCommands, ProgramQueries and Admin over one
/// channel, every call carrying the same <see cref="CallContext"/> (credential, correlation id, timeout).
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Calls through a channel the caller owns (and disposes).</summary>
    public RegistryClient(GrpcChannel channel, CallContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Channel = channel;
        var invoker = channel.Intercept(new CallContextInterceptor(context ?? CallContext.None));
        Commands = new ProgramCommands.ProgramCommandsClient(invoker);
        Queries = new ProgramQueries.ProgramQueriesClient(invoker);
        Admin = new Admin.AdminClient(invoker);
        Audit = new V1.Audit.AuditClient(invoker);
    }

    private RegistryClient(GrpcChannel channel, CallContext? context, bool owned) : this(channel, context) =>
        _ownedChannel = owned ? channel : null;

    /// <summary>Opens a channel to <paramref name="address"/> (http:// is h2c, https:// is TLS) that this client disposes.</summary>
    public static RegistryClient Connect(Uri address, CallContext? context = null, GrpcChannelOptions? options = null) =>
        new(GrpcChannel.ForAddress(address, options ?? new GrpcChannelOptions()), context, owned: true);

    public GrpcChannel Channel { get; }

    public ProgramCommands.ProgramCommandsClient Commands { get; }

    public ProgramQueries.ProgramQueriesClient Queries { get; }

    public Admin.AdminClient Admin { get; }

    public V1.Audit.AuditClient Audit { get; }

    public void Dispose() => _ownedChannel?.Dispose();
}
