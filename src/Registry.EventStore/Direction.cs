namespace Registry.EventStore;

public enum Direction
{
    Forwards,
    Backwards,
}
