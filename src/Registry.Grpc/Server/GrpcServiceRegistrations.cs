using Google.Protobuf.Reflection;

namespace Registry.Grpc.Server;

/// <summary>The services the server hosts: which class implements which service of which .proto.</summary>
public sealed class GrpcServiceRegistrations
{
    private readonly List<(Type, ServiceDescriptor)> _services = [];

    public IEnumerable<(Type ImplementationType, ServiceDescriptor Descriptor)> Services => _services;

    internal void Add(Type implementationType, ServiceDescriptor descriptor)
    {
        if (_services.Any(s => s.Item2.FullName == descriptor.FullName))
            throw new InvalidOperationException($"Service {descriptor.FullName} is registered twice.");
        _services.Add((implementationType, descriptor));
    }
}
