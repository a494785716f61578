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
        Invoker = channel.Intercept(new CallContextInterceptor(context ?? CallContext.None));
        Commands = new ProgramCommands.ProgramCommandsClient(Invoker);
        Queries = new ProgramQueries.ProgramQueriesClient(Invoker);
        Admin = new Admin.AdminClient(Invoker);
        Audit = new V1.Audit.AuditClient(Invoker);
    }

    private RegistryClient(GrpcChannel channel, CallContext? context, bool owned) : this(channel, context) =>
        _ownedChannel = owned ? channel : null;

    /// <summary>Opens a channel to <paramref name="address"/> (http:// is h2c, https:// is TLS) that this client disposes.</summary>
    public static RegistryClient Connect(Uri address, CallContext? context = null, GrpcChannelOptions? options = null) =>
        new(GrpcChannel.ForAddress(address, options ?? new GrpcChannelOptions()), context, owned: true);

    public GrpcChannel Channel { get; }

    /// <summary>
    /// The channel with the call context applied, for calls the generated clients do not make: the same RPC with
    /// a marshaller of one's own, say, that reads only part of each response.
    /// </summary>
    public CallInvoker Invoker { get; }

    public ProgramCommands.ProgramCommandsClient Commands { get; }

    public ProgramQueries.ProgramQueriesClient Queries { get; }

    public Admin.AdminClient Admin { get; }

    public V1.Audit.AuditClient Audit { get; }

    public void Dispose() => _ownedChannel?.Dispose();
}
