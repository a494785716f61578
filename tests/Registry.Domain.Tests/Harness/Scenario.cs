namespace Registry.Domain.Tests.Harness;

/// <summary>
/// Given the programme's past events (folded with <see cref="ProgramState.Evolve"/> at revisions 0, 1, 2, ...),
/// when a command is decided, then it comes to these events, or to this rejection.
/// </summary>
public abstract class Scenario
{
    public static readonly DateTimeOffset FirstRecordedAt = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The programme's events so far; none means the programme does not exist.</summary>
    protected virtual IEnumerable<IProgramEvent> Given => [];

    protected abstract IProgramCommand When { get; }

    /// <summary>The state the command is decided on: null when nothing was given.</summary>
    protected ProgramState? State => Fold(When.Program, Given);

    /// <summary>The command decided on what decisions know (<see cref="DecisionState"/>), first checked against <see cref="State"/>.</summary>
    protected Decision Decision
    {
        get
        {
            var known = FoldForDecisions(When.Program, Given);
            AssertAgrees(State, known);
            return When.Decide(known);
        }
    }

    protected void Then(params IProgramEvent[] expected)
    {
        var decision = Decision;
        Assert.True(decision.Accepted, $"Expected events, but the command was rejected ({decision.Rejection}): {decision.Reason}");
        Equivalence.AssertEquivalent<IReadOnlyList<IProgramEvent>>(expected, decision.Events);
    }

    protected void ThenRejected(RejectionKind kind, string reasonFragment)
    {
        var decision = Decision;
        Assert.False(decision.Accepted, $"Expected a {kind} rejection, but the command was accepted with {decision.Events.Count} event(s).");
        Assert.Equal(kind, decision.Rejection);
        Assert.Contains(reasonFragment, decision.Reason, StringComparison.Ordinal);
        Assert.Empty(decision.Events);
    }

    /// <summary>Folds events for decisions only, at revisions 0, 1, 2, ...</summary>
    public static DecisionState? FoldForDecisions(ProgramId id, IEnumerable<IProgramEvent> events)
    {
        DecisionState? state = null;
        long revision = 0;
        foreach (var programEvent in events)
            state = DecisionState.Evolve(state, id, programEvent, revision++);
        return state;
    }

    /// <summary>Every claim a decision can find reads the same in both folds of a programme's events.</summary>
    public static void AssertAgrees(ProgramState? state, DecisionState? known)
    {
        Assert.Equal(state is null, known is null);
        if (state is null || known is null)
            return;
        Assert.Equal((state.Id, state.Name, state.Version), (known.Id, known.Name, known.Version));
        Assert.Equal(state.Claims.Select(c => c.Id.ToString()).Distinct().Order(StringComparer.Ordinal), known.Claims.All().Select(c => c.Id.ToString()).Order(StringComparer.Ordinal));
        foreach (var (id, _) in known.Claims.All())
        {
            var claim = state.Find(id)!;
            var seen = new ClaimFate(claim.Kind)
            {
                Stage = claim.Stage,
                Attribute = claim.Attribute,
                Rank = claim.Rank,
                IsRetracted = claim.IsRetracted,
                SupersededBy = claim.SupersededBy,
            };
            Assert.Equal(seen, known.Find(id));
        }
    }

    /// <summary>Folds events as the store would replay them: revision n recorded n minutes after the first.</summary>
    public static ProgramState? Fold(ProgramId id, IEnumerable<IProgramEvent> events)
    {
        ProgramState? state = null;
        long revision = 0;
        foreach (var programEvent in events)
        {
            state = ProgramState.Evolve(state, id, programEvent, revision, FirstRecordedAt.AddMinutes(revision));
            revision++;
        }
        return state;
    }
}

/// <summary>Given the programme's events, then its state and view look like this (no command).</summary>
public abstract class StateScenario
{
    protected abstract ProgramId Program { get; }

    protected abstract IEnumerable<IProgramEvent> Given { get; }

    protected ProgramState State => Scenario.Fold(Program, Given) ?? throw new InvalidOperationException("The scenario gives no events.");

    protected ProgramView.AttributeView Attribute(string name) =>
        Assert.Single(ProgramView.Attributes(State), a => a.Attribute == name);

    protected ClaimRecord Claim(ClaimId id) => State.Find(id) ?? throw new InvalidOperationException($"No claim {id} in the scenario.");
}
