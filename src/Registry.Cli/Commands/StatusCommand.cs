using System.CommandLine;
using Registry.Cli.Rendering;
using Spectre.Console;
using Registry.V1;

namespace Registry.Cli.Commands;

/// <summary><c>status</c>: the head of the log and where every projection and publisher has got.</summary>
public static class StatusCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("status", "Projections and publishers against the head of the log (Admin.GetStatus)");
        CommandAction.Set(command, io, async (parse, client, cancellationToken) =>
        {
            var status = await client.Admin.GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await JsonOutput.WriteAsync(io.Out, status).ConfigureAwait(false);
                return 0;
            }
            var console = io.Console();
            console.WriteLine($"head of the log: {Formats.Position(status.Head)}");
            if (status.Bus is { } bus)
                console.WriteLine($"bus: {bus.Transport} {bus.Address}, {(bus.Healthy ? "connected" : "NOT connected")} ({bus.Description})"
                    + (bus.PublishingEnabled ? string.Empty : "; publishing is off in this instance"));
            var table = ProgramView.Table("name", "kind", "generation", "state", "checkpoint", "lag", "publishes", "error");
            foreach (var f in status.Followers)
                table.AddRow(ProgramView.Cells(f.Name, Names.Of(f.Kind), $"{f.Generation}", Names.Of(f.State), Formats.Position(f.Checkpoint), $"{f.Lag}", Lease(f.Lease), f.Error));
            console.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>"this instance (ACTIVE) since ..." or "host-2 (STANDBY here)"; empty for projections.</summary>
    private static string Lease(PublisherLease? lease) => lease switch
    {
        null => string.Empty,
        { Role: PublisherLease.Types.Role.Active } => $"this instance ({lease.Holder}) since {lease.HeldSince?.ToDateTimeOffset():u}",
        { Holder.Length: > 0 } => $"{lease.Holder} since {lease.HeldSince?.ToDateTimeOffset():u}; standby here",
        _ => "nobody yet; standby here",
    };
}
