using Registry.Domain.State;

namespace Registry.Domain.Decisions;

/// <summary>A command about one programme, decided purely from the programme's state (null: it does not exist).</summary>
public interface IProgramCommand
{
    ProgramId Program { get; }

    Decision Decide(ProgramState? state);
}
