using Microsoft.Data.Sqlite;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Projections;

namespace Registry.Server.Programs.Queries;

/// <summary>Reads of the programmes read model (the live generation, through its view).</summary>
internal sealed class ProgramReadModel(ReadModelDatabase database)
{
    public sealed record Row(ProgramState State, Position Position);

    public Row? Find(ProgramId id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT state, commit_position, prepare_position FROM {ProgramsProjection.View} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    }

    public sealed record Filter(string? Country, ProgramKind? Kind, Domain.Claims.LifecycleStage? Status, string? Organisation, string? After, int PageSize);

    public IReadOnlyList<Row> List(Filter filter)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var conditions = new List<string>();
        void Where(string condition, string name, object? value)
        {
            if (value is null)
                return;
            conditions.Add(condition);
            command.Parameters.AddWithValue(name, value);
        }
        Where("country = $country", "$country", filter.Country);
        Where("kind = $kind", "$kind", filter.Kind?.ToString());
        Where("status = $status", "$status", filter.Status?.ToString());
        Where("organisations LIKE $organisation ESCAPE '\\'", "$organisation", filter.Organisation is null ? null : $"%|{Escape(filter.Organisation.ToLowerInvariant())}|%");
        Where("id > $after", "$after", filter.After);
        command.CommandText = $"SELECT state, commit_position, prepare_position FROM {ProgramsProjection.View}" +
            (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty) +
            " ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", filter.PageSize + 1);
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
            rows.Add(ReadRow(reader));
        return rows;
    }

    /// <summary>Every programme and the log position they reflect, read in one transaction so the two agree.</summary>
    public (IReadOnlyList<Row> Rows, Position Checkpoint) Snapshot()
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var checkpoint = ReadModelDatabase.ReadProjectionCheckpoint(connection, ProgramsProjection.ProjectionName, transaction);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT state, commit_position, prepare_position FROM {ProgramsProjection.View} ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
            rows.Add(ReadRow(reader));
        return (rows, checkpoint);
    }

    private static Row ReadRow(SqliteDataReader reader) =>
        new(ProgramStateJson.Read(reader.GetFieldValue<byte[]>(0)), new Position((ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2)));

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
