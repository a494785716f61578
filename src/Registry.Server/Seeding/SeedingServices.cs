namespace Registry.Server.Seeding;

internal static class SeedingServices
{
    /// <summary>Loads the seed file once the host listens (Seeding:Enabled, Seeding:File).</summary>
    public static IServiceCollection AddStartupSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Seeding").Get<SeedingOptions>() ?? new SeedingOptions();
        if (options.Enabled)
            services.AddSingleton(options).AddHostedService<StartupSeeding>();
        return services;
    }
}
