using Registry.Client.Credentials;
using Registry.EventStore.Tests;

namespace Registry.Cli.Tests;

/// <summary>
/// The CLI's credential: a file, else REGISTRY_TOKEN, else REGISTRY_API_KEY, else (for a registry on this
/// machine) the development key under registry-data; never a flag's value. Against the real server: the
/// principal the credential proves is the actor, and without one the call is UNAUTHENTICATED.
/// </summary>
public sealed class CredentialsTests(SeededServer seeded) : IClassFixture<SeededServer>, IDisposable
{
    private static readonly Uri Loopback = new("http://127.0.0.1:50051");
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_credentials_file_comes_first_and_a_jwt_in_it_is_a_bearer_token()
    {
        var file = Write("token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln\n");

        var credential = CliCredentials.Resolve(file, Loopback, Environment(("REGISTRY_API_KEY", "rk_from-env")), _folder.Path);

        Assert.Equal(new Credential.Bearer("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"), credential);
    }

    [Fact]
    public void Then_the_token_variable_then_the_key_variable()
    {
        var both = CliCredentials.Resolve(null, Loopback, Environment(("REGISTRY_TOKEN", "t.o.k"), ("REGISTRY_API_KEY", "rk_key")), _folder.Path);
        var keyOnly = CliCredentials.Resolve(null, Loopback, Environment(("REGISTRY_API_KEY", "rk_key")), _folder.Path);

        Assert.Equal(new Credential.Bearer("t.o.k"), both);
        Assert.Equal(new Credential.ApiKey("rk_key"), keyOnly);
    }

    [Fact]
    public void Then_the_development_key_of_a_registry_started_here_or_above_but_only_for_a_loopback_address()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, DevelopmentKey.DefaultDataDirectory));
        Write(Path.Combine(DevelopmentKey.DefaultDataDirectory, DevelopmentKey.KeyFileName), "rk_development\n");
        var below = Directory.CreateDirectory(Path.Combine(_folder.Path, "src", "deeper")).FullName;

        var local = CliCredentials.Resolve(null, Loopback, Environment(), below);
        var remote = CliCredentials.Resolve(null, new Uri("https://registry.example:443"), Environment(), below);

        Assert.Equal(new Credential.ApiKey("rk_development"), local);
        Assert.Null(remote);
    }

    [Fact]
    public async Task Without_any_credential_the_cli_reports_unauthenticated()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["status", "--address", seeded.Server.Address.ToString()], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("Unauthenticated", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_credentials_file_is_an_error_naming_it()
    {
        var (exit, _, error) = await RunAsync("status", "--address", seeded.Server.Address.ToString(), "--credentials-file", Path.Combine(_folder.Path, "absent"));

        Assert.Equal(1, exit);
        Assert.Contains("the credentials file", error, StringComparison.Ordinal);
        Assert.Contains("absent", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task There_is_no_actor_flag_any_more()
    {
        var (exit, _, error) = await RunAsync("status", "--actor", "someone", "--address", seeded.Server.Address.ToString());

        Assert.NotEqual(0, exit);
        Assert.Contains("--actor", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_through_the_cli_names_the_principal_of_its_credential()
    {
        var (exit, _, error) = await seeded.Server.RunCliAsync("correct", "rank", "kz-tulpar-light-tank", "tulpar-turret-105", "--rank", "preferred", "--reason", "credential test");
        Assert.True(exit == 0, error);

        var (_, history, _) = await seeded.Server.RunCliAsync("history", "kz-tulpar-light-tank", "--json");

        var last = history.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains("\"actor\": \"local-developer\"", last, StringComparison.Ordinal);
        Assert.Contains("ClaimRanked", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_api_key_prints_a_key_and_the_hash_the_registry_needs()
    {
        var (exit, output, _) = await RunAsync("new-api-key", "--name", "ingest", "--roles", "reader,editor");

        Assert.Equal(0, exit);
        var key = output.Split('\n')[0].Split(": ")[1].Trim();
        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.Contains($"REGISTRY_Auth__ApiKeys__ingest__Hash={ApiKeys.HashOf(key)}", output, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_Auth__ApiKeys__ingest__Roles=reader,editor", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    public void Dispose() => _folder.Dispose();
}
