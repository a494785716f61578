using Microsoft.Data.Sqlite;
using Registry.EventStore;

namespace Registry.Projections;

/// <summary>The read model's bookkeeping: generations of each projection, their checkpoints, which one is live.</summary>
internal static class ProjectionCatalog
{
    public static Position ReadCheckpoint(SqliteConnection connection, string name, long generation, SqliteTransaction? transaction = null) =>
        ReadModelDatabase.ReadPosition(connection, transaction,
            "SELECT commit_position, prepare_position FROM projection_generations WHERE name = $n AND generation = $g",
            ("$n", name), ("$g", generation));

    public static void WriteCheckpoint(SqliteConnection connection, SqliteTransaction transaction, string name, long generation, Position position) =>
        ReadModelDatabase.Execute(connection, transaction,
            "UPDATE projection_generations SET commit_position = $c, prepare_position = $p WHERE name = $n AND generation = $g",
            ("$c", (long)position.Commit), ("$p", (long)position.Prepare), ("$n", name), ("$g", generation));

    /// <summary>The live generation and the projection version it was built with; null when there is none yet.</summary>
    public static (long Generation, int Version)? Live(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT l.generation, g.version FROM projection_live l JOIN projection_generations g ON g.name = l.name AND g.generation = l.generation WHERE l.name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    /// <summary>Creates the tables of a new, empty generation (after every generation known so far) and returns it.</summary>
    public static long CreateGeneration(SqliteConnection connection, ISqliteProjection projection)
    {
        using var transaction = connection.BeginTransaction();
        using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "SELECT coalesce(max(generation), 0) + 1 FROM projection_generations WHERE name = $n";
        next.Parameters.AddWithValue("$n", projection.Name);
        var generation = (long)next.ExecuteScalar()!;

        foreach (var logical in projection.Tables)
            ReadModelDatabase.Execute(connection, transaction, $"DROP TABLE IF EXISTS {ProjectionContext.PhysicalTable(projection.Name, logical, generation)}");
        var context = new ProjectionContext(projection, generation, connection) { Transaction = transaction };
        projection.CreateSchema(context);
        context.DisposeCommands();
        ReadModelDatabase.Execute(connection, transaction,
            "INSERT INTO projection_generations (name, generation, version) VALUES ($n, $g, $v)",
            ("$n", projection.Name), ("$g", generation), ("$v", projection.Version));
        transaction.Commit();
        return generation;
    }

    /// <summary>Points the projection's views at a generation: readers see the switch at the commit.</summary>
    public static void MakeLive(SqliteConnection connection, SqliteTransaction transaction, ISqliteProjection projection, long generation)
    {
        foreach (var logical in projection.Tables)
        {
            var view = ProjectionContext.View(projection.Name, logical);
            ReadModelDatabase.Execute(connection, transaction, $"DROP VIEW IF EXISTS {view}");
            ReadModelDatabase.Execute(connection, transaction,
                $"CREATE VIEW {view} AS SELECT * FROM {ProjectionContext.PhysicalTable(projection.Name, logical, generation)}");
        }
        ReadModelDatabase.Execute(connection, transaction,
            "INSERT INTO projection_live (name, generation) VALUES ($n, $g) ON CONFLICT(name) DO UPDATE SET generation = $g",
            ("$n", projection.Name), ("$g", generation));
    }

    public static void DropGeneration(SqliteConnection connection, ISqliteProjection projection, long generation)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var logical in projection.Tables)
            ReadModelDatabase.Execute(connection, transaction, $"DROP TABLE IF EXISTS {ProjectionContext.PhysicalTable(projection.Name, logical, generation)}");
        ReadModelDatabase.Execute(connection, transaction, "DELETE FROM projection_generations WHERE name = $n AND generation = $g",
            ("$n", projection.Name), ("$g", generation));
        transaction.Commit();
    }

    /// <summary>Generations left by a rebuild that never finished (the process stopped mid-way).</summary>
    public static IReadOnlyList<long> Abandoned(SqliteConnection connection, string name, long live)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation FROM projection_generations WHERE name = $n AND generation <> $g";
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$g", live);
        using var reader = command.ExecuteReader();
        var generations = new List<long>();
        while (reader.Read())
            generations.Add(reader.GetInt64(0));
        return generations;
    }
}
