namespace Registry.Domain.Decisions;

/// <summary>A command about one programme, decided purely from what decisions know of it (null: it does not exist).</summary>
public interface IProgramCommand
{
    ProgramId Program { get; }

    Decision Decide(DecisionState? state);
}
