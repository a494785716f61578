using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Grpc.Server;

/// <summary>Adds services to the gRPC server: <c>services.AddGrpcServer().AddService&lt;T&gt;(descriptor)</c>.</summary>
public sealed class GrpcServerBuilder
{
    private readonly GrpcServiceRegistrations _registrations;

    internal GrpcServerBuilder(IServiceCollection services, GrpcServiceRegistrations registrations)
    {
        Services = services;
        _registrations = registrations;
    }

    public IServiceCollection Services { get; }

    /// <summary>
    /// Hosts <typeparamref name="TService"/> as the implementation of <paramref name="descriptor"/>. The class is
    /// resolved from the application container for each call: a singleton unless registered as transient.
    /// </summary>
    public GrpcServerBuilder AddService<TService>(ServiceDescriptor descriptor) where TService : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _registrations.Add(typeof(TService), descriptor);
        Services.TryAddSingleton<TService>();
        return this;
    }

    /// <summary>Every call is put to <typeparamref name="TAuthorizer"/> (a singleton) before its handler runs; one per server.</summary>
    public GrpcServerBuilder AddAuthorizer<TAuthorizer>() where TAuthorizer : class, Security.ICallAuthorizer
    {
        Services.AddSingleton<Security.ICallAuthorizer, TAuthorizer>();
        return this;
    }

    /// <summary>Adds server reflection (grpc.reflection.v1 and v1alpha) over every service hosted.</summary>
    public GrpcServerBuilder AddReflection() =>
        AddService<Reflection.ReflectionService>(global::Grpc.Reflection.V1.ReflectionReflection.Descriptor.Services[0])
            .AddService<Reflection.ReflectionV1AlphaService>(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0]);
}
