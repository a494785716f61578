using Microsoft.Data.Sqlite;
using Registry.Client.Credentials;
using Registry.EventStore.Tests;
using Registry.Server.Audit;
using Registry.Server.Tests.Crash;
using Registry.V1;

namespace Registry.Server.Tests.Audit;

/// <summary>
/// The registry's own log file edited while the server is stopped, as an administrator with the file could:
/// verify-log names the first affected event, a head saved before the edit no longer checks out once the tree
/// is rebuilt from the edited log, and a bundle exported afterwards fails offline. An untouched log passes all three.
/// </summary>
public sealed class TamperTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private ServerProcess _server = null!;
    private List<(long Position, Guid EventId, string Stream, long Revision)> _leaves = [];

    private string Data => _folder.File("data");
    private string Credential => Path.Combine(Data, DevelopmentKey.KeyFileName);
    private string SavedHead => _folder.File("head.json");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(Data, "--Seeding:Enabled=false");
        await AuditedRegistry.WriteAsync(_server.Client, "tamper", programs: 3, claims: 3);
        var saved = await AuditCli.RunAsync(_server.Address, Credential, "head", "--out", SavedHead);
        Assert.True(saved.ExitCode == 0, saved.ToString());
        await _server.StopAsync();
        await _server.DisposeAsync();
        _leaves = ReadLeaves();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_untouched_log_passes_every_check()
    {
        await RestartAsync();

        var verifyLog = await CliAsync("verify-log");
        await RebuildTreeAsync();
        var check = await CliAsync("check", "--since", SavedHead);
        var bundle = await ExportAndVerifyAsync();

        Assert.True(verifyLog.ExitCode == 0, verifyLog.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(bundle.ExitCode == 0, bundle.ToString());
    }

    [Fact]
    public async Task One_byte_changed_in_an_events_data_is_named()
    {
        var target = _leaves[5];
        using (var connection = OpenLog())
        {
            var data = (byte[])Scalar(connection, "SELECT data FROM events WHERE position = $p", ("$p", target.Position))!;
            var at = Array.FindIndex(data, b => b is >= (byte)'0' and <= (byte)'8');
            data[at]++;
            Scalar(connection, "UPDATE events SET data = $d WHERE position = $p", ("$d", data), ("$p", target.Position));
        }
        await RestartAsync();

        var verifyLog = await CliAsync("verify-log");
        var bundle = await ExportAndVerifyAsync();
        await RebuildTreeAsync();
        var check = await CliAsync("check", "--since", SavedHead);

        AssertNamed(verifyLog, 5, target.EventId, "changed");
        Assert.Equal(Registry.Cli.Commands.AuditCommand.NotVerified, bundle.ExitCode);
        Assert.Contains($"leaf 5 (event {target.EventId}", bundle.Error, StringComparison.Ordinal);
        Assert.Equal(Registry.Cli.Commands.AuditCommand.NotVerified, check.ExitCode);
        Assert.Contains("refuses to sign a new head", check.Error, StringComparison.Ordinal);
        Assert.Contains("rewritten", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_event_is_named()
    {
        var target = _leaves[7];
        using (var connection = OpenLog())
            Scalar(connection, "DELETE FROM events WHERE position = $p", ("$p", target.Position));
        await RestartAsync();

        var verifyLog = await CliAsync("verify-log");
        await RebuildTreeAsync();
        var check = await CliAsync("check", "--since", SavedHead);

        AssertNamed(verifyLog, 7, target.EventId, "deleted");
        Assert.Contains($"signed for {_leaves.Count} leaves but the log now holds only {_leaves.Count - 1}", verifyLog.Error, StringComparison.Ordinal);
        Assert.Equal(Registry.Cli.Commands.AuditCommand.NotVerified, check.ExitCode);
    }

    [Fact]
    public async Task Two_swapped_events_are_named_at_the_first()
    {
        var (first, second) = (_leaves[2], _leaves[9]);
        using (var connection = OpenLog())
        {
            Scalar(connection, "UPDATE events SET position = -1 WHERE position = $p", ("$p", first.Position));
            Scalar(connection, "UPDATE events SET position = $to WHERE position = $p", ("$to", first.Position), ("$p", second.Position));
            Scalar(connection, "UPDATE events SET position = $to WHERE position = -1", ("$to", second.Position));
        }
        await RestartAsync();

        var verifyLog = await CliAsync("verify-log");
        await RebuildTreeAsync();
        var check = await CliAsync("check", "--since", SavedHead);

        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _server.Client.Audit.GetTreeHeadAsync(new GetTreeHeadRequest { SignNow = true }).ResponseAsync);

        AssertNamed(verifyLog, 2, first.EventId, "reordered");
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("no longer extends the head signed", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"the log now has event {second.EventId}", verifyLog.Error, StringComparison.Ordinal);
        Assert.Equal(Registry.Cli.Commands.AuditCommand.NotVerified, check.ExitCode);
    }

    private static void AssertNamed(AuditCli.Outcome verifyLog, int index, Guid eventId, string why)
    {
        Assert.True(verifyLog.ExitCode == Registry.Cli.Commands.AuditCommand.NotVerified, verifyLog.ToString());
        Assert.Contains($"first differing leaf {index}, event {eventId}", verifyLog.Error, StringComparison.Ordinal);
        Assert.Contains(why, verifyLog.Error, StringComparison.Ordinal);
    }

    private async Task RestartAsync() => _server = await ServerProcess.StartAsync(Data, "--Seeding:Enabled=false");

    /// <summary>What an operator covering the edit (or an innocent rebuild) does: the tree is recomputed from the log as it is now.</summary>
    private Task<RebuildProjectionResponse> RebuildTreeAsync() =>
        _server.Client.Admin.RebuildProjectionAsync(new RebuildProjectionRequest { Name = MerkleTreeProjection.ProjectionName }).ResponseAsync;

    private Task<AuditCli.Outcome> CliAsync(params string[] args) => AuditCli.RunAsync(_server.Address, Credential, args);

    private async Task<AuditCli.Outcome> ExportAndVerifyAsync()
    {
        var export = await CliAsync("export", "--out", _folder.File("bundle.jsonl"));
        Assert.True(export.ExitCode == 0, export.ToString());
        return await AuditCli.VerifyAsync(_folder.File("bundle.jsonl"), Path.Combine(Data, AuditOptions.DevelopmentPublicKeyFile));
    }

    private List<(long, Guid, string, long)> ReadLeaves()
    {
        using var connection = OpenLog();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, event_id, stream, revision FROM events WHERE stream LIKE 'program-%' ORDER BY position";
        using var reader = command.ExecuteReader();
        var leaves = new List<(long, Guid, string, long)>();
        while (reader.Read())
            leaves.Add((reader.GetInt64(0), new Guid((byte[])reader[1]), reader.GetString(2), reader.GetInt64(3)));
        return leaves;
    }

    private SqliteConnection OpenLog()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Data, "events.db"), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }
}
