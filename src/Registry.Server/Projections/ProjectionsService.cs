using Registry.EventStore;
using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.Server.Publishing;

namespace Registry.Server.Projections;

/// <summary>
/// Runs the projection engine over every registered projection and a publisher for every registered message
/// mapper (unless publishing is off in this instance), for as long as the host runs; their statuses are what
/// health and the Admin service report.
/// </summary>
internal sealed partial class ProjectionsService(
    IEnumerable<ISqliteProjection> projections,
    IEnumerable<IMessageMapper> mappers,
    IEventStore store,
    ReadModelDatabase database,
    IMessageSink sink,
    PublishingOptions publishing,
    PublisherLeases leases,
    ProjectionOptions options,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ProjectionEngine? _engine;
    private List<(LogPublisher Publisher, Task Running)> _publishers = [];

    public ProjectionEngine Engine => _engine ?? throw new InvalidOperationException("The projections have not started.");

    public IReadOnlyList<LogPublisher> Publishers => _publishers.Select(p => p.Publisher).ToList();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _engine = new ProjectionEngine(projections, database, store, loggers.CreateLogger<ProjectionEngine>(), batchInterval: options.BatchInterval);
        _engine.Start();
        _publishers = mappers
            .Where(_ => publishing.Enabled)
            .Select(mapper => new LogPublisher(store, database, mapper, sink, loggers.CreateLogger<LogPublisher>(), leases.For(mapper.Name)))
            .Select(publisher => (publisher, Task.Run(() => publisher.RunAsync(_stopping.Token))))
            .ToList();
        // A publisher nobody could receive from only moves its checkpoint: say so once.
        var logger = loggers.CreateLogger<ProjectionsService>();
        foreach (var mapper in mappers.Where(m => publishing.Enabled && !m.MessageTypes.Any(sink.HasAudience)))
            LogUnheard(logger, mapper.Name, mapper.MessageTypes);
        return Task.CompletedTask;
    }

    /// <summary>Restarts the projection or publisher of that name from its checkpoint; false when there is none.</summary>
    public bool Restart(string name)
    {
        if (Engine.Restart(name))
            return true;
        var publisher = Publishers.FirstOrDefault(p => p.Name == name);
        publisher?.Restart();
        return publisher is not null;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_publishers.Select(p => p.Running));
        if (_engine is not null)
            await _engine.DisposeAsync();
        _engine = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
            await _engine.DisposeAsync();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publisher {Publisher}: no consumer of {MessageTypes} in this process, and the in-memory bus reaches no other: it follows the log without publishing")]
    private static partial void LogUnheard(ILogger logger, string publisher, IReadOnlyList<Type> messageTypes);
}
