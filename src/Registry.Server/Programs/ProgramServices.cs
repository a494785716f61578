using Registry.Projections;
using Registry.Projections.Publishing;
using Registry.Server.Programs.Commands;
using Registry.Server.Programs.Publishing;
using Registry.Server.Programs.Queries;

namespace Registry.Server.Programs;

internal static class ProgramServices
{
    /// <summary>Programmes: commands, the read model and its queries, ProgramStateChanged and the denial and correction facts on the bus.</summary>
    public static IServiceCollection AddPrograms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new WatchSubscribers(configuration.GetValue("Queries:MaxWatchSubscribers", WatchSubscribers.DefaultMax)));
        services.AddSingleton<ProgramHistoryCache>();
        services.AddSingleton<ProgramLocks>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ProgramReadModel>();
        services.AddSingleton<CurrentPrograms>();
        services.AddSingleton<ReadYourWrites>();
        services.AddSingleton<ISqliteProjection, ProgramsProjection>();
        services.AddSingleton<IMessageMapper, ProgramStateMapper>();
        services.AddSingleton<IMessageMapper, ProgramFactsMapper>();
        return services;
    }
}
