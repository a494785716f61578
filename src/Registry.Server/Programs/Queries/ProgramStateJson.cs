using System.Text.Json;
using Registry.Domain.State;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Programs.Queries;

/// <summary>A programme's folded state as the read model stores it.</summary>
internal static class ProgramStateJson
{
    public static byte[] Write(ProgramState state) => JsonSerializer.SerializeToUtf8Bytes(state, DomainJson.Options);

    public static ProgramState Read(byte[] json) => JsonSerializer.Deserialize<ProgramState>(json, DomainJson.Options)!;
}
