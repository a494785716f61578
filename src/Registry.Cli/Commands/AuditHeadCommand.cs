using System.CommandLine;

namespace Registry.Cli.Commands;

/// <summary><c>audit head [--out head.json]</c>: the newest signed head (the tree as it stands, signed now), kept for a later <c>audit check</c>.</summary>
public static class AuditHeadCommand
{
    public static Command Create(CliIo io)
    {
        var output = new Option<FileInfo?>("--out") { Description = "Also write the head (with the public key) to this file" };
        var command = new Command("head", "The registry's newest signed tree head, signed now if the tree grew (Audit.GetTreeHead)") { output };
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var response = await client.Audit.GetTreeHeadAsync(new V1.GetTreeHeadRequest { SignNow = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
            var json = AuditHeadFiles.Serialize(AuditHeadFiles.ToRecord(response, withPublicKey: true));
            if (parse.GetValue(output) is { } file)
                await File.WriteAllTextAsync(file.FullName, json + Environment.NewLine, cancellationToken).ConfigureAwait(false);
            await io.Out.WriteLineAsync(json).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
