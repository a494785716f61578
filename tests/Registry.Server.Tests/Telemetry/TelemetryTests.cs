namespace Registry.Server.Tests.Telemetry;

/// <summary>
/// The registry's activity source and meter belong to the process: a test that listens to them must be the
/// only one running, or it would see other tests' spans and count their commands.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTests
{
    public const string Name = "Telemetry";
}
