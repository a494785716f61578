using System.CommandLine;
using Registry.Client.Audit;

namespace Registry.Cli.Commands;

/// <summary><c>audit verify FILE --public-key KEY.pem</c>: checks a bundle offline, with no server.</summary>
public static class AuditVerifyCommand
{
    public static Command Create(CliIo io)
    {
        var bundle = new Argument<FileInfo>("file") { Description = "A bundle written by 'audit export'" };
        var key = new Option<FileInfo>("--public-key") { Description = "The registry's public key (PEM) from a source you trust", Required = true };
        var command = new Command("verify", "Verify an export bundle offline: the head's signature, every leaf hash and inclusion proof") { bundle, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var publicKey = TreeHead.ReadPublicKeyPem(await File.ReadAllTextAsync(parse.GetValue(key)!.FullName, cancellationToken).ConfigureAwait(false));
                var result = BundleVerifier.Verify(File.ReadLines(parse.GetValue(bundle)!.FullName), publicKey);
                foreach (var failure in result.Failures)
                    await io.Error.WriteLineAsync($"FAILED: {failure}").ConfigureAwait(false);
                await io.Out.WriteLineAsync(result.Verified
                    ? $"verified: {result.LeavesVerified} events under the signed head of size {result.TreeSize}"
                    : $"NOT verified: {result.Failures.Count} failure(s); {result.LeavesVerified} events verified").ConfigureAwait(false);
                return result.Verified ? 0 : AuditCommand.NotVerified;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                await io.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return CommandAction.Failed;
            }
        });
        return command;
    }
}
