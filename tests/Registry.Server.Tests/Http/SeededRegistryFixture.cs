using Registry.Client.Seeding;
using Registry.EventStore;
using Registry.V1;

namespace Registry.Server.Tests.Http;

/// <summary>
/// A real registry loaded with the seed file (19 programmes) through its own gRPC API, its read model caught
/// up with the seed before any test runs. One per test class: classes that correct claims get their own.
/// </summary>
public sealed class SeededRegistryFixture : IAsyncLifetime
{
    public const int SeededProgrammes = 19;

    private TestRegistry? _registry;

    public TestRegistry Registry => _registry ?? throw new InvalidOperationException("not started");

    public Uri HttpAddress => Registry.HttpAddress;

    public static string SeedFile => SeedFileLocator.FindUpwards(AppContext.BaseDirectory) ?? throw new FileNotFoundException(SeedFileLocator.RelativePath);

    public async Task InitializeAsync()
    {
        _registry = await TestRegistry.StartAsync();
        await new SeedLoader(_registry.Client.Commands).LoadAsync(SeedFile);
        await CaughtUpAsync();
    }

    /// <summary>Waits (read your writes) until the read model holds everything in the log so far.</summary>
    public async Task CaughtUpAsync()
    {
        var head = await Registry.Store.ReadHeadAsync();
        await Registry.Client.Queries.ListProgramsAsync(new ListProgramsRequest { MinPosition = new LogPosition { Commit = head.Commit, Prepare = head.Prepare } },
            Calls.WithTimeout(TimeSpan.FromSeconds(30)));
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
            await _registry.DisposeAsync();
    }
}
