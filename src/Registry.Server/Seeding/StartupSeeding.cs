using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Registry.Client;
using Registry.Client.Credentials;
using Registry.Client.Seeding;
using Registry.Server.Auth;

namespace Registry.Server.Seeding;

/// <summary>
/// Loads the seed file through the registry's own gRPC API (the path every client takes, with its validation,
/// idempotent command ids and authentication: an in-memory key of the "seed-loader" principal), once the host
/// has started listening. It runs at every start: commands already in the log are recognised by their ids and
/// append nothing, so a first start stopped half-way through seeding is completed by the next one.
/// </summary>
internal sealed partial class StartupSeeding(
    SeedingOptions options, SeedingCredential credential, IServer server, IHostApplicationLifetime lifetime, ILogger<StartupSeeding> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken).ConfigureAwait(false))
            return;
        try
        {
            await SeedAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Seeding is a convenience: a failure is logged, the registry keeps serving.
            LogFailed(logger, error);
        }
    }

    private async Task SeedAsync(CancellationToken stoppingToken)
    {
        var file = string.IsNullOrWhiteSpace(options.File) ? SeedFileLocator.FindUpwards(Directory.GetCurrentDirectory()) : Path.GetFullPath(options.File);
        if (file is null || !File.Exists(file))
        {
            LogNoFile(logger, file ?? SeedFileLocator.RelativePath);
            return;
        }
        using var client = RegistryClient.Connect(OwnAddress(), new CallContext(new Credential.ApiKey(credential.Key), $"seed-{Guid.NewGuid():N}"));
        var loader = new SeedLoader(client.Commands, KillSwitch());
        // The event store may be out of reach (a cluster electing its leader): the whole file is sent again
        // later, which appends only what is still missing.
        for (var wait = TimeSpan.FromSeconds(1); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            var result = await loader.LoadAsync(file, stoppingToken).ConfigureAwait(false);
            LogSeeded(logger, file, result);
            foreach (var failure in result.Failures.Where(f => !f.Retryable))
                LogFailure(logger, failure);
            if (!result.Failures.Any(f => f.Retryable))
                return;
            LogWaitingForStore(logger, result.Failures.Count(f => f.Retryable), wait);
            await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tests only (<see cref="SeedingOptions.TestKillAfterCommands"/>): a crash in the middle of seeding.</summary>
    private Action? KillSwitch()
    {
        if (options.TestKillAfterCommands is not { } limit)
            return null;
        var acknowledged = 0;
        return () =>
        {
            if (++acknowledged >= limit)
                System.Diagnostics.Process.GetCurrentProcess().Kill();
        };
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The first address Kestrel bound, with a wildcard host replaced by loopback.</summary>
    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server reports no address to seed through.");
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+")
            uri.Host = "127.0.0.1";
        return uri.Uri;
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Loaded the seed file {File}: {Counts}")]
    private static partial void LogSeeded(ILogger logger, string file, SeedLoadResult counts);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Seed command failed: {Failure}")]
    private static partial void LogFailure(ILogger logger, SeedProblem failure);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "No seed file was found ({File}); not seeding")]
    private static partial void LogNoFile(ILogger logger, string file);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Loading the seed file failed")]
    private static partial void LogFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "{Count} seed command(s) could not be taken for now (the event store is out of reach); sending the seed file again in {Wait}")]
    private static partial void LogWaitingForStore(ILogger logger, int count, TimeSpan wait);
}
