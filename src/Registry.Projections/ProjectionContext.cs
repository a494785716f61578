using Microsoft.Data.Sqlite;
using Registry.EventStore.Sqlite;

namespace Registry.Projections;

/// <summary>A projection's handle on its generation's tables, inside the open transaction.</summary>
public sealed class ProjectionContext
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);
    private List<Action>? _afterCommit;

    internal ProjectionContext(ISqliteProjection projection, long generation, SqliteConnection connection)
    {
        Projection = projection;
        Generation = generation;
        Connection = connection;
    }

    public ISqliteProjection Projection { get; }
    public long Generation { get; }
    internal SqliteConnection Connection { get; }
    internal SqliteTransaction? Transaction { get; set; }

    /// <summary>The physical name of a logical table in this generation.</summary>
    public string Table(string logical) => PhysicalTable(Projection.Name, logical, Generation);

    internal static string PhysicalTable(string projection, string logical, long generation) => $"{projection}_{logical}_g{generation}";

    internal static string View(string projection, string logical) => $"{projection}_{logical}";

    /// <summary>
    /// A command for <paramref name="sql"/>, prepared once per generation and enlisted in the current
    /// transaction. Write table names with <see cref="Table"/>; parameters are set by the caller.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        var command = Prepared(sql);
        command.Parameters.Clear();
        return command;
    }

    /// <summary>
    /// A statement for a projection's hot path, compiled once per generation: <paramref name="sql"/> names each of
    /// the projection's tables as <c>{table}</c> (so the text can be a constant) and takes its parameters by position.
    /// </summary>
    public RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            var physical = Projection.Tables.Aggregate(sql, (text, table) => text.Replace("{" + table + "}", Table(table), StringComparison.Ordinal));
            statement = new RawStatement(Connection, physical);
            _statements[sql] = statement;
        }
        return statement;
    }

    /// <summary>Runs <paramref name="sql"/>; the same statement run again with the same names reuses its parameters.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Prepared(sql);
        if (!SameNames(command.Parameters, parameters))
        {
            command.Parameters.Clear();
            foreach (var (name, _) in parameters)
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        for (var i = 0; i < parameters.Length; i++)
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the transaction of the current batch has committed, and only for the
    /// generation readers see (not while it rebuilds): for what a projection keeps in memory beside its tables,
    /// which must never run ahead of them. Dropped if the batch rolls back.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    internal void RunAfterCommit(bool live)
    {
        if (_afterCommit is not { Count: > 0 } actions)
            return;
        if (live)
            actions.ForEach(action => action());
        actions.Clear();
    }

    internal void DropAfterCommit() => _afterCommit?.Clear();

    private SqliteCommand Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        command.Transaction = Transaction;
        return command;
    }

    private static bool SameNames(SqliteParameterCollection existing, (string Name, object? Value)[] parameters)
    {
        if (existing.Count != parameters.Length)
            return false;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(existing[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    internal void DisposeCommands()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        _prepared.Clear();
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _statements.Clear();
    }
}
