using Registry.Client.Credentials;
using Registry.Server.Auth;

namespace Registry.Server.Tests.Auth;

/// <summary>
/// A presented key is found by its SHA-256 whatever its length or characters (short keys are hashed in stack
/// buffers, long ones not), and a key's principal is the one built for its entry.
/// </summary>
public sealed class ApiKeyTableTests
{
    public static TheoryData<string> Keys() =>
    [
        "k",
        ApiKeys.NewKey(),
        new string('a', 128),
        new string('b', 129),
        new string('c', 5000),
        "clé-ключ-鍵-🔑",
        new string('é', 128),
    ];

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_configured_key_is_found_by_its_hash_and_a_key_one_character_off_is_not(string key)
    {
        var entry = Entry("svc", key, revoked: false);
        var table = new ApiKeyTable([entry, Entry("other", ApiKeys.NewKey(), revoked: false)]);

        var (found, failure) = table.Find(key);
        var (missing, refusal) = table.Find(key + "x");

        Assert.Same(entry, found);
        Assert.Null(failure);
        Assert.Null(missing);
        Assert.Equal("the API key is not valid", refusal);
    }

    [Fact]
    public void A_revoked_key_is_named_and_not_accepted()
    {
        var key = ApiKeys.NewKey();
        var table = new ApiKeyTable([Entry("old-service", key, revoked: true)]);

        var (found, failure) = table.Find(key);

        Assert.Null(found);
        Assert.Equal("the API key 'old-service' has been revoked", failure);
    }

    [Fact]
    public void A_key_principal_carries_its_name_and_roles_and_is_built_once()
    {
        var entry = Entry("svc", ApiKeys.NewKey(), revoked: false);

        Assert.Equal("svc", entry.Principal.Identity!.Name);
        Assert.True(entry.Principal.Identity.IsAuthenticated);
        Assert.True(entry.Principal.IsInRole(Roles.Editor));
        Assert.True(entry.Principal.IsInRole(Roles.Reader));
        Assert.False(entry.Principal.IsInRole(Roles.Admin));
        Assert.Same(entry.Principal, entry.Principal);
    }

    private static ApiKeyTable.Entry Entry(string name, string key, bool revoked) =>
        new(name, ApiKeys.HashOf(key), Roles.Expand([Roles.Editor]), revoked);
}
