using Registry.Cli;

namespace Registry.Server.Tests.Audit;

/// <summary>The <c>registry audit</c> commands run in-process against an address, with a credential from a file.</summary>
internal static class AuditCli
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
    }

    public static async Task<Outcome> RunAsync(Uri? address, string? credentialsFile, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] global = [.. address is null ? [] : (string[])["--address", address.ToString()], .. credentialsFile is null ? [] : (string[])["--credentials-file", credentialsFile]];
        var exit = await CliApp.RunAsync(["audit", .. args, .. global], output, error);
        return new Outcome(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs offline: no address, no credential.</summary>
    public static Task<Outcome> VerifyAsync(string bundle, string publicKey) => RunAsync(null, null, "verify", bundle, "--public-key", publicKey);
}
