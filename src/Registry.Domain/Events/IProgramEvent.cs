namespace Registry.Domain.Events;

/// <summary>Something recorded about a programme. Who, when and why travel as metadata beside it, not in it.</summary>
public interface IProgramEvent
{
}
