using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Registry.EventStore.Bench;

/// <summary>What the disk and SQLite can do at best, to judge the store's figures against.</summary>
internal static class MachineLimits
{
    private static readonly string[] Columns = ["$p", "$id", "$s", "$r", "$t", "$d", "$m", "$c"];

    public static void Measure(string directory, TimeSpan duration, Report report)
    {
        Console.WriteLine("== machine limits");
        RawFsync(Path.Combine(directory, "fsync.bin"), duration, report);
        BulkInsert(Path.Combine(directory, "bulk.db"), 200_000, report);
    }

    /// <summary>Append 256 bytes and fsync, as often as the disk allows.</summary>
    private static void RawFsync(string path, TimeSpan duration, Report report)
    {
        var block = new byte[256];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            file.Write(block);
            file.Flush(flushToDisk: true);
            count++;
        }
        report.Add("raw append 256 B + fsync", Report.PerSecond(count, watch.Elapsed));
    }

    /// <summary>The same rows and index the store writes, in one transaction: SQLite's ceiling on this disk.</summary>
    private static void BulkInsert(string path, int rows, Report report)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE events (position INTEGER PRIMARY KEY, event_id BLOB NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL,
                    type TEXT NOT NULL, data BLOB NOT NULL, metadata BLOB NOT NULL, created INTEGER NOT NULL);
                CREATE UNIQUE INDEX events_by_stream ON events(stream, revision);
                """;
            setup.ExecuteNonQuery();
        }
        var watch = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO events VALUES ($p, $id, $s, $r, $t, $d, $m, $c)";
            var parameters = Columns.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            for (var i = 0; i < rows; i++)
            {
                parameters[0].Value = i + 1;
                parameters[1].Value = Guid.NewGuid().ToByteArray();
                parameters[2].Value = $"bench-{i % 1000}";
                parameters[3].Value = i / 1000;
                parameters[4].Value = Workload.Type;
                parameters[5].Value = Workload.Data;
                parameters[6].Value = Workload.Metadata;
                parameters[7].Value = DateTime.UtcNow.Ticks;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        report.Add($"SQLite bulk insert, {rows:N0} rows in one transaction", Report.PerSecond(rows, watch.Elapsed));
    }
}
