using Grpc.Core;
using Registry.V1;

namespace Registry.Client.Seeding;

/// <summary>
/// Loads a <c>registry-seed/1</c> file through the registry's gRPC API, the same path any client takes.
/// A command that fails is counted with its reason and the load goes on with the next one.
/// </summary>
/// <param name="acknowledged">Called after each command the registry answered (progress; tests crash the server there).</param>
public sealed class SeedLoader(ProgramCommands.ProgramCommandsClient commands, Action? acknowledged = null)
{
    public async Task<SeedLoadResult> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        await LoadAsync(await SeedFile.ReadAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async Task<SeedLoadResult> LoadAsync(SeedFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var plan = SeedPlan.For(file);
        var failures = new List<SeedProblem>(plan.Problems);
        int appended = 0, repeated = 0;
        foreach (var command in plan.Commands)
        {
            try
            {
                var result = await SendAsync(command, cancellationToken).ConfigureAwait(false);
                if (result.Repeated)
                    repeated++;
                else
                    appended++;
                acknowledged?.Invoke();
            }
            catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled)
            {
                failures.Add(new SeedProblem(command.ProgramId, command.ClaimId, Describe(error), error.StatusCode == StatusCode.Unavailable));
            }
        }
        return new SeedLoadResult(
            file.Programmes.Count,
            file.Programmes.Sum(p => p.Claims.Count),
            file.Programmes.Sum(p => p.Denials?.Count ?? 0),
            plan.AnnouncedFromFirstClaim.Count,
            plan.Commands.Count,
            appended,
            repeated,
            failures);
    }

    private Task<CommandResult> SendAsync(SeedCommand command, CancellationToken cancellationToken) => command.Request switch
    {
        AnnounceProgramRequest announce => commands.AnnounceProgramAsync(announce, cancellationToken: cancellationToken).ResponseAsync,
        ReportClaimRequest report => commands.ReportClaimAsync(report, cancellationToken: cancellationToken).ResponseAsync,
        DenyReportRequest deny => commands.DenyReportAsync(deny, cancellationToken: cancellationToken).ResponseAsync,
        _ => throw new InvalidOperationException($"A seed command cannot be a {command.Request.Descriptor.Name}."),
    };

    private static string Describe(RpcException error)
    {
        var violations = error.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Select(v => $"{v.Field}: {v.Description}") ?? [];
        return string.Join("; ", new[] { $"{error.StatusCode}: {error.Status.Detail}" }.Concat(violations));
    }
}
