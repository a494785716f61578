using Registry.Client.Credentials;

namespace Registry.Server.Auth;

/// <summary>
/// The key start-up seeding calls the server's own API with: random per process, held only in memory,
/// editor rights; the events it appends name "seed-loader".
/// </summary>
internal sealed class SeedingCredential
{
    public const string PrincipalName = "seed-loader";

    public string Key { get; } = ApiKeys.NewKey();

    public ApiKeyTable.Entry Entry => new(PrincipalName, ApiKeys.HashOf(Key), Roles.Expand([Roles.Editor]), Revoked: false);
}
