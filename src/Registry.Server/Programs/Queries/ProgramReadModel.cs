using Microsoft.Data.Sqlite;
using Registry.Domain;
using Registry.EventStore;
using Registry.Projections;
using Row = Registry.Server.Programs.Queries.ProgramRows.Row;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// Reads of the programmes read model (the live generation, through its views). Each read is one transaction,
/// so a programme's header and claims always come from the same projection commit.
/// </summary>
internal sealed class ProgramReadModel(ReadModelDatabase database)
{
    public Row? Find(ProgramId id)
    {
        var rows = Read("id = $id", [("$id", id.Value)], limit: null);
        return rows.Count == 0 ? null : rows[0];
    }

    public sealed record Filter(string? Country, ProgramKind? Kind, Domain.Claims.LifecycleStage? Status, string? Organisation, string? After, int PageSize);

    /// <summary>Up to one more programme than the page size, so the caller knows whether another page follows.</summary>
    public IReadOnlyList<Row> List(Filter filter)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        void Where(string condition, string name, object? value)
        {
            if (value is null)
                return;
            conditions.Add(condition);
            parameters.Add((name, value));
        }
        Where("country = $country", "$country", filter.Country);
        Where("kind = $kind", "$kind", filter.Kind?.ToString());
        Where("status = $status", "$status", filter.Status?.ToString());
        Where("organisations LIKE $organisation ESCAPE '\\'", "$organisation", filter.Organisation is null ? null : $"%|{Escape(filter.Organisation.ToLowerInvariant())}|%");
        Where("id > $after", "$after", filter.After);
        return Read(conditions.Count > 0 ? string.Join(" AND ", conditions) : null, parameters, limit: filter.PageSize + 1);
    }

    /// <summary>
    /// The programmes named (every programme when none is) and the log position they reflect, read in one
    /// transaction so the two agree.
    /// </summary>
    public (IReadOnlyList<Row> Rows, Position Checkpoint) Snapshot(IReadOnlyCollection<ProgramId>? only = null)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var checkpoint = ReadModelDatabase.ReadProjectionCheckpoint(connection, ProgramsProjection.ProjectionName, transaction);
        var parameters = (only ?? []).Select((id, i) => ($"$id{i}", (object)id.Value)).ToList();
        var where = parameters.Count == 0 ? null : $"id IN ({string.Join(", ", parameters.Select(p => p.Item1))})";
        return (Read(connection, transaction, where, parameters, limit: null), checkpoint);
    }

    private List<Row> Read(string? where, IReadOnlyList<(string, object)> parameters, int? limit)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return Read(connection, transaction, where, parameters, limit);
    }

    private static List<Row> Read(SqliteConnection connection, SqliteTransaction transaction, string? where, IReadOnlyList<(string, object)> parameters, int? limit)
    {
        var selected = $"FROM {ProgramsProjection.ProgramsView}" + (where is null ? "" : $" WHERE {where}") + " ORDER BY id" + (limit is null ? "" : " LIMIT $limit");
        using var headers = Command(connection, transaction, $"SELECT {ProgramRows.HeaderColumns} {selected}", parameters, limit);
        using var claims = Command(connection, transaction,
            $"SELECT program_id, claim FROM {ProgramsProjection.ClaimsView} WHERE program_id IN (SELECT id {selected}) ORDER BY program_id, ordinal",
            parameters, limit);
        using var headerReader = headers.ExecuteReader();
        using var claimReader = claims.ExecuteReader();
        return ProgramRows.Read(headerReader, claimReader);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, IReadOnlyList<(string, object)> parameters, int? limit)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        if (limit is not null)
            command.Parameters.AddWithValue("$limit", limit.Value);
        return command;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
