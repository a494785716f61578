using Google.Protobuf.Reflection;

namespace Registry.Grpc.Server.Reflection;

/// <summary>Every .proto file the hosted services depend on, with an index of the symbols each declares.</summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        var list = services.ToList();
        ServiceNames = list.Select(s => s.FullName).ToList();
        foreach (var service in list)
            AddFile(service.File);
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileContaining(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    /// <summary>The file first, then every file it depends on, each once.</summary>
    public static IEnumerable<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>([file]);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Name))
                continue;
            yield return next;
            foreach (var dependency in next.Dependencies)
                pending.Enqueue(dependency);
        }
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
            return;
        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
                _filesBySymbol[method.FullName] = file;
        }
        foreach (var message in file.MessageTypes)
            AddMessage(file, message);
        foreach (var enumType in file.EnumTypes)
            _filesBySymbol[enumType.FullName] = file;
        foreach (var dependency in file.Dependencies)
            AddFile(dependency);
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _filesBySymbol[message.FullName] = file;
        foreach (var field in message.Fields.InDeclarationOrder())
            _filesBySymbol[field.FullName] = file;
        foreach (var nested in message.NestedTypes)
            AddMessage(file, nested);
        foreach (var enumType in message.EnumTypes)
            _filesBySymbol[enumType.FullName] = file;
    }
}
