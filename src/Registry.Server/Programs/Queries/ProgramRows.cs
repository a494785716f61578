using System.Text.Json;
using Microsoft.Data.Sqlite;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// A programme as the read model stores it: a header row and its claim rows, each claim as JSON. Readers
/// select <see cref="HeaderColumns"/> ordered by id and the claims ordered by programme and ordinal.
/// </summary>
internal static class ProgramRows
{
    public const string HeaderColumns = "id, name, kind, country, version, commit_position, prepare_position";

    public sealed record Row(ProgramState State, Position Position);

    public static byte[] WriteClaim(ClaimRecord claim) => JsonSerializer.SerializeToUtf8Bytes(claim, DomainJson.Options);

    /// <summary>Joins header rows with their claims (columns program_id, claim), both in programme id order.</summary>
    public static List<Row> Read(SqliteDataReader headers, SqliteDataReader claims)
    {
        var rows = new List<Row>();
        var pending = claims.Read();
        while (headers.Read())
        {
            var id = headers.GetString(0);
            var programClaims = new List<ClaimRecord>();
            // Claims of programmes not in the header rows (none with consistent queries) are passed over.
            while (pending && string.CompareOrdinal(claims.GetString(0), id) < 0)
                pending = claims.Read();
            while (pending && claims.GetString(0) == id)
            {
                programClaims.Add(JsonSerializer.Deserialize<ClaimRecord>(claims.GetFieldValue<byte[]>(1), DomainJson.Options)!);
                pending = claims.Read();
            }
            var state = new ProgramState(ProgramId.Parse(id), headers.GetString(1), Enum.Parse<ProgramKind>(headers.GetString(2)),
                headers.GetString(3), headers.GetInt64(4), [.. programClaims]);
            rows.Add(new Row(state, new Position((ulong)headers.GetInt64(5), (ulong)headers.GetInt64(6))));
        }
        return rows;
    }
}
