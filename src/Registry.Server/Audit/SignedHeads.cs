using Microsoft.Data.Sqlite;
using Registry.Client.Audit;
using Registry.Projections;

namespace Registry.Server.Audit;

/// <summary>
/// Every head the registry signed, in the read-model file but outside any projection generation: a rebuild of
/// the tree never drops them (they are what a rebuilt tree is checked against).
/// </summary>
internal sealed class SignedHeads
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_signed_heads (
            tree_size INTEGER PRIMARY KEY, root_hash BLOB NOT NULL, timestamp_ms INTEGER NOT NULL,
            commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL,
            key_fingerprint TEXT NOT NULL, signature BLOB NOT NULL, published INTEGER NOT NULL DEFAULT 0);
        """;

    private readonly ReadModelDatabase _database;

    public SignedHeads(ReadModelDatabase database)
    {
        _database = database;
        using var connection = database.Open();
        ReadModelDatabase.Execute(connection, null, Schema);
    }

    public sealed record Signed(TreeHead Head, string KeyFingerprint, byte[] Signature, bool Published);

    public Signed? Latest() => Query("ORDER BY tree_size DESC LIMIT 1", []).FirstOrDefault();

    public Signed? AtSize(long size) => Query("WHERE tree_size = $size", [("$size", size)]).FirstOrDefault();

    public IReadOnlyList<Signed> All() => Query("ORDER BY tree_size", []);

    public IReadOnlyList<Signed> Unpublished() => Query("WHERE published = 0 ORDER BY tree_size", []);

    public Task AddAsync(Signed signed) => _database.WriteAsync(connection =>
        ReadModelDatabase.Execute(connection, null, """
            INSERT INTO audit_signed_heads (tree_size, root_hash, timestamp_ms, commit_position, prepare_position, key_fingerprint, signature)
            VALUES ($size, $root, $time, $commit, $prepare, $key, $signature)
            """,
            ("$size", signed.Head.TreeSize), ("$root", signed.Head.RootHash), ("$time", signed.Head.TimestampMs),
            ("$commit", (long)signed.Head.CommitPosition), ("$prepare", (long)signed.Head.PreparePosition),
            ("$key", signed.KeyFingerprint), ("$signature", signed.Signature)));

    public Task MarkPublishedAsync(long size) => _database.WriteAsync(connection =>
        ReadModelDatabase.Execute(connection, null, "UPDATE audit_signed_heads SET published = 1 WHERE tree_size = $size", ("$size", size)));

    private List<Signed> Query(string tail, (string, object)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT tree_size, root_hash, timestamp_ms, commit_position, prepare_position, key_fingerprint, signature, published FROM audit_signed_heads {tail}";
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var heads = new List<Signed>();
        while (reader.Read())
        {
            var head = new TreeHead(reader.GetInt64(0), (byte[])reader[1], reader.GetInt64(2), (ulong)reader.GetInt64(3), (ulong)reader.GetInt64(4));
            heads.Add(new Signed(head, reader.GetString(5), (byte[])reader[6], reader.GetInt64(7) != 0));
        }
        return heads;
    }
}
