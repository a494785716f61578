namespace Registry.Server.Publishing;

/// <summary>
/// How the last publish to the bus ended. MassTransit's own bus health only covers receive endpoints, which a
/// registry publishing to RabbitMQ has none of; whether the broker is taking messages shows in the confirms.
/// </summary>
internal sealed class PublishOutcomes
{
    private volatile Failure? _failing;

    public sealed record Failure(DateTimeOffset Since, string Error);

    /// <summary>Set from the first failed publish until the next confirmed one.</summary>
    public Failure? Failing => _failing;

    public void Confirmed() => _failing = null;

    public void Failed(Exception error) => _failing = new Failure(_failing?.Since ?? DateTimeOffset.UtcNow, error.Message);
}
