using Registry.Projections;

namespace Registry.Server.Projections;

/// <summary>How the read models follow the log (section "Projections").</summary>
public sealed class ProjectionOptions
{
    private static readonly TimeSpan LongestBatchInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Under load, how long a read model gathers events before it commits them (a longer pause rewrites each page
    /// once for more events); a read waiting for its own write ends the pause at once.
    /// </summary>
    public TimeSpan BatchInterval { get; set; } = ProjectionEngine.DefaultBatchInterval;

    public static ProjectionOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Projections").Get<ProjectionOptions>() ?? new ProjectionOptions();
        if (options.BatchInterval < TimeSpan.Zero || options.BatchInterval > LongestBatchInterval)
            throw new InvalidOperationException($"Projections:BatchInterval must be between 00:00:00 and {LongestBatchInterval}; it is {options.BatchInterval}.");
        return options;
    }
}
