using System.Diagnostics;
using Registry.EventStore;

namespace Registry.Projections.Publishing;

/// <summary>
/// A publisher's checkpoint in the read-model file, written at most every <see cref="WriteEvery"/> and once more
/// when publishing stops. Written after every batch, it was a transaction per batch per publisher on the read
/// models' one writer. A crash loses at most that long of it: those messages are published again, with their
/// ids, which at-least-once delivery allows; the checkpoint never moves past an unconfirmed message.
/// </summary>
internal sealed class StoredCheckpoint(ReadModelDatabase database, string name, Position written)
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(250);
    private Position _confirmed = written;
    private Position _written = written;
    private long _writtenAt = Stopwatch.GetTimestamp();

    /// <summary>Every message up to <paramref name="position"/> is confirmed by the bus.</summary>
    public Task ConfirmedAsync(Position position)
    {
        _confirmed = position;
        return Stopwatch.GetElapsedTime(_writtenAt) >= WriteEvery ? FlushAsync() : Task.CompletedTask;
    }

    public async Task FlushAsync()
    {
        if (_confirmed == _written)
            return;
        var position = _confirmed;
        await database.WriteAsync(connection => ReadModelDatabase.WriteCheckpoint(connection, null, name, position));
        _written = position;
        _writtenAt = Stopwatch.GetTimestamp();
    }
}
