using Registry.Contracts;

namespace Registry.Subscriber.Example;

/// <summary>
/// The newest state of every programme this service has seen. The registry delivers at least once and a
/// redelivery or a re-publish after a crash may arrive late, so a message counts only when its version is
/// newer than the one held. (A real service keeps the version in the same transaction as its own data.)
/// </summary>
public sealed class NewestStates
{
    private readonly Dictionary<string, ProgramStateChanged> _held = [];
    private readonly Lock _lock = new();

    /// <summary>Keeps <paramref name="message"/> when it is newer than what is held; otherwise returns the version held.</summary>
    public bool TryApply(ProgramStateChanged message, out long heldVersion)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(message.ProgramId, out var held) && held.Version >= message.Version)
            {
                heldVersion = held.Version;
                return false;
            }
            _held[message.ProgramId] = message;
            heldVersion = message.Version;
            return true;
        }
    }

    public ProgramStateChanged? Get(string programId)
    {
        lock (_lock)
            return _held.GetValueOrDefault(programId);
    }
}
