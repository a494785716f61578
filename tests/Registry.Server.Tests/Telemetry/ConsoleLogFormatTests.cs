using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Registry.Server.Tests.Telemetry;

/// <summary>
/// "Logging:Console:FormatterName" chooses the console format although the host is built with
/// CreateSlimBuilder (which fixes the simple formatter otherwise), and the chosen formatter is there.
/// </summary>
public sealed class ConsoleLogFormatTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("systemd")]
    public async Task The_configured_console_formatter_is_the_one_in_use(string formatter)
    {
        await using var registry = await TestRegistry.StartAsync(settings: [$"--Logging:Console:FormatterName={formatter}", "--Logging:Console:FormatterOptions:IncludeScopes=true"]);

        Assert.Equal(formatter, registry.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Contains(registry.Services.GetServices<ConsoleFormatter>(), f => f.Name == formatter);
    }
}
