using System.CommandLine;
using Grpc.Core;
using Registry.Client.Audit;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>audit check --since head.json</c>: the registry's history now extends a head saved earlier. Both heads'
/// signatures are checked with the saved key (or --public-key), then the consistency proof against the saved root.
/// </summary>
public static class AuditCheckCommand
{
    public static Command Create(CliIo io)
    {
        var since = new Option<FileInfo>("--since") { Description = "A head saved by 'audit head --out'", Required = true };
        var key = new Option<FileInfo?>("--public-key") { Description = "The key to check signatures with (default: the one saved in the head file)" };
        var command = new Command("check", "Check that the registry's tree now extends a saved head (Audit.GetConsistencyProof)") { since, key };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var saved = await AuditHeadFiles.ReadAsync(parse.GetValue(since)!, cancellationToken).ConfigureAwait(false);
            var pem = parse.GetValue(key) is { } keyFile ? await File.ReadAllTextAsync(keyFile.FullName, cancellationToken).ConfigureAwait(false)
                : saved.PublicKeyPem ?? throw new UsageException("The saved head carries no public key: give --public-key.");
            using var publicKey = TreeHead.ReadPublicKeyPem(pem);
            var savedHead = saved.ToTreeHead();
            if (!savedHead.Verify(publicKey, Convert.FromBase64String(saved.Signature)))
                return await FailAsync(io, $"the saved head ({savedHead}) is not signed by the key given");

            GetTreeHeadResponse now;
            try
            {
                now = await client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException refused) when (refused.StatusCode == StatusCode.FailedPrecondition)
            {
                // The server will not sign its tree as it stands: check what it serves against its last signed head.
                await io.Error.WriteLineAsync($"the registry refuses to sign a new head: {refused.Status.Detail}").ConfigureAwait(false);
                now = await client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var current = AuditHeadFiles.ToRecord(now, withPublicKey: false).ToTreeHead();
            if (!current.Verify(publicKey, now.Head.Signature.ToByteArray()))
                return await FailAsync(io, $"the registry's current head ({current}) is not signed by the key given (it signs with {now.Head.KeyFingerprint})");
            if (current.TreeSize < savedHead.TreeSize)
                return await FailAsync(io, $"the registry's tree has {current.TreeSize} leaves, fewer than the {savedHead.TreeSize} of the saved head: history was removed");

            IReadOnlyList<byte[]> proof = [];
            if (savedHead.TreeSize > 0)
            {
                GetConsistencyProofResponse answer;
                try
                {
                    answer = await client.Audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = (ulong)savedHead.TreeSize, SecondSize = (ulong)current.TreeSize },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException refused) when (refused.StatusCode == StatusCode.InvalidArgument)
                {
                    return await FailAsync(io, $"the registry cannot prove its tree of {current.TreeSize} leaves extends the saved head ({savedHead}): {refused.Status.Detail}");
                }
                proof = answer.Proof.Select(p => p.ToByteArray()).ToList();
                // The tree the registry serves proofs from must agree with both heads, not only its signed heads with each other.
                if (!answer.FirstRoot.Span.SequenceEqual(savedHead.RootHash))
                    return await FailAsync(io, $"the registry's tree now hashes its first {savedHead.TreeSize} leaves to {Convert.ToHexStringLower(answer.FirstRoot.ToByteArray())}, not to the saved root {Convert.ToHexStringLower(savedHead.RootHash)}: those leaves were rewritten");
                if (!answer.SecondRoot.Span.SequenceEqual(current.RootHash))
                    return await FailAsync(io, $"the registry's tree of {current.TreeSize} leaves does not hash to its own signed root {Convert.ToHexStringLower(current.RootHash)}");
            }
            if (!MerkleVerification.VerifyConsistency(savedHead.TreeSize, current.TreeSize, savedHead.RootHash, current.RootHash, proof))
                return await FailAsync(io, $"the registry's tree of {current.TreeSize} leaves does not extend the saved head ({savedHead}): its first {savedHead.TreeSize} leaves were rewritten");
            await io.Out.WriteLineAsync($"consistent: the tree of {current.TreeSize} leaves (root {Convert.ToHexStringLower(current.RootHash)}) extends the saved head of {savedHead.TreeSize} leaves").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<int> FailAsync(CliIo io, string message)
    {
        await io.Error.WriteLineAsync($"FAILED: {message}").ConfigureAwait(false);
        return AuditCommand.NotVerified;
    }
}
