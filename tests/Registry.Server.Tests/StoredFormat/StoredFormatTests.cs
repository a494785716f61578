using System.Text;
using System.Text.Json;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs.Queries;
using Registry.Server.Programs.Storage;

namespace Registry.Server.Tests.StoredFormat;

/// <summary>
/// Pins what the log and the read model hold, byte for byte: stored-format.txt is what this registry wrote before
/// its JSON was source-generated (one line per sample: stored type name or META / CLAIM / STATE, a tab, the
/// JSON). Logs written since the beginning must still read, and what is written now must read the same.
/// </summary>
public sealed class StoredFormatTests
{
    private static readonly EventMetadata[] Metadata =
    [
        new("cmd-1", "operator@registry", "corr-1", "cmd-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", 1),
        new("cmd-2", "Қ", "c\"2", "cmd-2", null, 1),
    ];

    private static readonly string[] Golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "StoredFormat", "stored-format.txt"));

    private static string Text(ReadOnlyMemory<byte> json) => Encoding.UTF8.GetString(json.Span);

    [Fact]
    public void What_is_written_now_is_what_was_always_written()
    {
        var lines = new List<string>();
        foreach (var programEvent in StoredSamples.Events)
        {
            var data = ProgramEvents.ToEventData(programEvent, Guid.Empty, Metadata[0]);
            lines.Add($"{data.Type}\t{Text(data.Data)}");
        }
        lines.AddRange(Metadata.Select(m => $"META\t{Text(m.ToJson())}"));
        lines.AddRange(StoredSamples.State.Claims.Select(c => $"CLAIM\t{Text(ProgramRows.WriteClaim(c))}"));
        lines.Add($"STATE\t{JsonSerializer.Serialize(StoredSamples.State, DomainJson.Options)}");

        Assert.Equal(Golden, lines);
    }

    [Fact]
    public void What_was_written_reads_back_and_writes_the_same_bytes()
    {
        foreach (var (label, json) in Golden.Select(l => l.Split('\t', 2)).Select(p => (p[0], p[1])))
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var again = label switch
            {
                "META" => Text(EventMetadata.FromJson(bytes)!.ToJson()),
                "CLAIM" => Text(ProgramRows.WriteClaim(JsonSerializer.Deserialize<ClaimRecord>(bytes, DomainJson.Options)!)),
                "STATE" => JsonSerializer.Serialize(JsonSerializer.Deserialize<ProgramState>(bytes, DomainJson.Options), DomainJson.Options),
                _ => Text(ProgramEvents.ToEventData(ProgramEvents.FromRecorded(Recorded(label, bytes))!, Guid.Empty, Metadata[0]).Data),
            };
            Assert.Equal(json, again);
        }
    }

    /// <summary>
    /// Beyond the bytes: what the log gives back moves a programme exactly as the event that was written did (the
    /// command side evolves what it appended, the read models what they decode).
    /// </summary>
    [Fact]
    public void An_event_decoded_from_its_bytes_moves_a_programme_as_the_object_they_were_written_from()
    {
        ProgramState? fromObjects = null, fromBytes = null;
        var revision = 0L;
        foreach (var programEvent in StoredSamples.History)
        {
            var data = ProgramEvents.ToEventData(programEvent, Guid.NewGuid(), Metadata[0]);
            var decoded = ProgramEvents.FromRecorded(Recorded(data.Type, data.Data.ToArray()))!;
            fromObjects = ProgramState.Evolve(fromObjects, StoredSamples.Program, programEvent, revision, DateTimeOffset.UnixEpoch);
            fromBytes = ProgramState.Evolve(fromBytes, StoredSamples.Program, decoded, revision, DateTimeOffset.UnixEpoch);
            revision++;

            Assert.NotSame(programEvent, decoded);
            Assert.Equal(JsonSerializer.Serialize(fromObjects, DomainJson.Options), JsonSerializer.Serialize(fromBytes, DomainJson.Options));
        }
    }

    private static RecordedEvent Recorded(string type, byte[] data) =>
        new(Guid.Empty, StoredSamples.Program.Stream, 0, Position.Start, type, data, Metadata[0].ToJson(), DateTimeOffset.UnixEpoch);
}
