namespace Registry.Client.Seeding;

/// <summary>What loading a seed file did: what the file holds, what was sent, appended, repeated or failed.</summary>
public sealed record SeedLoadResult(
    int Programmes,
    int Claims,
    int Denials,
    int AnnouncedFromFirstClaim,
    int CommandsSent,
    int Appended,
    int Repeated,
    IReadOnlyList<SeedProblem> Failures)
{
    public int Failed => Failures.Count;

    public override string ToString() =>
        $"{Programmes} programmes, {Claims} claims, {Denials} denials in the file ({AnnouncedFromFirstClaim} announced from their first claim); " +
        $"{CommandsSent} commands sent: {Appended} appended, {Repeated} repeated, {Failed} failed";
}
