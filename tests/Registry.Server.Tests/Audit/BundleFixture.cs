using Registry.EventStore.Tests;
using Registry.V1;

namespace Registry.Server.Tests.Audit;

/// <summary>A registry with a few programmes, a whole-log bundle and a one-programme bundle exported by the CLI, and its public key.</summary>
public sealed class BundleFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public string WholeLog => _folder.File("log.jsonl");
    public string OneProgramme => _folder.File("program.jsonl");
    public string PublicKey => _folder.File("registry.pub.pem");

    public string File(string name) => _folder.File(name);

    public async Task InitializeAsync()
    {
        await using var registry = await TestRegistry.StartAsync();
        var ids = await AuditedRegistry.WriteAsync(registry.Client, "bundle", programs: 3, claims: 4);
        var credential = await AuditedRegistry.WriteCredentialAsync(_folder.Path);
        foreach (var (file, extra) in new[] { (WholeLog, Array.Empty<string>()), (OneProgramme, ["--program", ids[1]]) })
        {
            var export = await AuditCli.RunAsync(registry.Address, credential, ["export", "--out", file, .. extra]);
            Assert.True(export.ExitCode == 0, export.ToString());
        }
        var head = await registry.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest());
        await System.IO.File.WriteAllTextAsync(PublicKey, head.PublicKeyPem);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}
