using System.CommandLine;
using Grpc.Core;
using Registry.Client.Audit;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary>
/// <c>audit export --out FILE [--program ID]</c>: a self-contained bundle (docs/audit.md) under a head signed now:
/// every event with its leaf and inclusion proof, the signed head and the key's fingerprint.
/// </summary>
public static class AuditExportCommand
{
    public static Command Create(CliIo io)
    {
        var output = new Option<FileInfo>("--out") { Description = "The bundle file (JSON Lines)", Required = true };
        var program = new Option<string?>("--program") { Description = "Only this programme's events" };
        var command = new Command("export", "Export events with their inclusion proofs under a signed head (Audit.ExportLog)") { output, program };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var head = await client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
            var programId = parse.GetValue(program);
            var request = new ExportLogRequest { TreeSize = head.Head.TreeSize, ProgramId = programId ?? string.Empty };
            var file = parse.GetValue(output)!;
            var temporary = file.FullName + ".partial";
            var leaves = 0;
            await using (var writer = new StreamWriter(temporary))
            {
                using var call = client.Audit.ExportLog(request, cancellationToken: cancellationToken);
                await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (item.ItemCase == ExportLogResponse.ItemOneofCase.Head)
                    {
                        var signed = item.Head.Head;
                        await writer.WriteLineAsync(AuditHeadFiles.Serialize(new BundleRecords.Header("header", BundleRecords.Format,
                            programId is null ? "log" : "program", programId, Complete: programId is null, signed.KeyFingerprint))).ConfigureAwait(false);
                        await writer.WriteLineAsync(AuditHeadFiles.Serialize(AuditHeadFiles.ToRecord(item.Head, withPublicKey: false))).ConfigureAwait(false);
                        continue;
                    }
                    var leaf = item.Leaf;
                    var e = leaf.Event;
                    var exported = new BundleRecords.LeafEvent(e.EventId, e.Stream, e.Revision, e.Type, e.Data.ToBase64(), e.Metadata.ToBase64(), e.RecordTicks,
                        e.Position?.Commit ?? 0, e.Position?.Prepare ?? 0);
                    await writer.WriteLineAsync(AuditHeadFiles.Serialize(new BundleRecords.Leaf("leaf", (long)leaf.LeafIndex,
                        Convert.ToHexStringLower(leaf.LeafHash.ToByteArray()), leaf.AuditPath.Select(p => Convert.ToHexStringLower(p.ToByteArray())).ToList(), exported))).ConfigureAwait(false);
                    leaves++;
                }
            }
            File.Move(temporary, file.FullName, overwrite: true);
            await io.Out.WriteLineAsync($"exported {leaves} events under the head of size {head.Head.TreeSize} (key {head.Head.KeyFingerprint}) to {file.FullName}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
