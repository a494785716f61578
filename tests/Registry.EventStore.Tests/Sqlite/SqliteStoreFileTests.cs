using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Registry.EventStore.Sqlite;
using Registry.EventStore.Tests.Contract;

namespace Registry.EventStore.Tests.Sqlite;

/// <summary>The log file itself: it keeps what was acknowledged, and a file it cannot trust is refused, untouched.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private SqliteEventStore Open(string name = "log.db") => SqliteEventStore.Open(new SqliteEventStoreOptions { Path = _folder.File(name) });

    [Fact]
    public async Task What_was_appended_is_there_after_reopening_and_positions_continue()
    {
        var events = TestEvents.Many(50);
        await using (var store = Open())
            await store.AppendAsync("stream-a", ExpectedRevision.NoStream, events);

        await using var reopened = Open();
        var stored = await reopened.ReadStreamAsync("stream-a", Direction.Forwards, 0, 100).ToListAsync();
        var next = await reopened.AppendAsync("stream-a", ExpectedRevision.Exact(49), [TestEvents.New()]);

        Assert.Equal(events.Select(e => e.EventId), stored.Select(e => e.EventId));
        Assert.Equal(Position.At(51), next.Position);
        Assert.Equal(50, next.NextExpectedRevision);
    }

    [Fact]
    public async Task A_log_in_use_by_another_store_is_refused_with_a_clear_error()
    {
        await using var first = Open();

        var error = Assert.Throws<EventStoreUnavailableException>(() => Open());

        Assert.Contains("in use by another registry process", error.Message, StringComparison.Ordinal);
        await first.AppendAsync("still-works", ExpectedRevision.Any, [TestEvents.New()]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_and_left_untouched()
    {
        var path = _folder.File("garbage.db");
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(64 * 1024));
        var before = await HashAsync(path);

        var error = Assert.Throws<EventStoreUnavailableException>(() => Open("garbage.db"));

        Assert.Contains("not a registry database or it is damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(path));
    }

    [Fact]
    public async Task A_database_with_damaged_pages_is_refused()
    {
        await using (var store = Open("damaged.db"))
        {
            for (var i = 0; i < 20; i++)
                await store.AppendAsync($"s-{i}", ExpectedRevision.Any, TestEvents.Many(100));
        }
        var path = _folder.File("damaged.db");
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Seek(file.Length / 2, SeekOrigin.Begin);
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 8192).ToArray());
        }

        Assert.Throws<EventStoreUnavailableException>(() => Open("damaged.db"));
    }

    [Fact]
    public async Task A_log_from_a_newer_schema_is_refused_and_left_untouched()
    {
        await using (var store = Open("newer.db"))
            await store.AppendAsync("s", ExpectedRevision.Any, [TestEvents.New()]);
        var path = _folder.File("newer.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }
        var before = await HashAsync(path);

        var error = Assert.Throws<EventStoreUnavailableException>(() => Open("newer.db"));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(path));
    }

    private static async Task<string> HashAsync(string path) => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));

    public void Dispose() => _folder.Dispose();
}
