using Microsoft.Extensions.Logging.Console;

namespace Registry.Server.Telemetry;

/// <summary>
/// WebApplication.CreateSlimBuilder fixes the console logger on its simple formatter, whatever
/// "Logging:Console:FormatterName" says; this gives the setting back its meaning (json, systemd, simple).
/// With "Logging:Console:FormatterOptions:IncludeScopes=true" each line carries the TraceId and SpanId of its call.
/// </summary>
internal static class ConsoleLogFormat
{
    public static void UseConfiguredConsoleFormatter(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["Logging:Console:FormatterName"] is not { Length: > 0 } formatter)
            return;
        builder.Logging.AddConsole(); // registers the json and systemd formatters beside the simple one
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = formatter);
    }
}
