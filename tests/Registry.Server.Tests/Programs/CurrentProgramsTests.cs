using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;
using Registry.EventStore;
using Registry.Server.Programs.Queries;

namespace Registry.Server.Tests.Programs;

/// <summary>The answers GetProgram gives from memory: a state offered late (a read racing a commit) never replaces a newer one.</summary>
public sealed class CurrentProgramsTests
{
    private static readonly ProgramId Id = ProgramId.Parse("kz-current-test");
    private static readonly Provenance Source = new("Defence Daily", "https://example.org/a", "Plant news", PartialDate.OfMonth(2024, 5), "en",
        SourceType.News, 'B', 2, "The plant will build it.");

    [Fact]
    public void The_state_at_the_later_position_wins_whatever_the_order_of_the_offers()
    {
        var announced = ProgramState.Evolve(null, Id,
            new ProgramAnnounced(ClaimId.Parse("announced"), "Tulpar light tank", ProgramKind.LightTank, "KZ", PartialDate.OfYear(2026), Certainty.Reported, Source, null),
            0, DateTimeOffset.UnixEpoch);
        var started = ProgramState.Evolve(announced, Id,
            new LifecycleReported(ClaimId.Parse("started"), LifecycleStage.ProductionStarted, PartialDate.OfYear(2026), null, Certainty.Reported, Source, null),
            1, DateTimeOffset.UnixEpoch);
        var current = new CurrentPrograms();

        Assert.Null(current.Find(Id));
        current.Offer(started, Position.At(20));
        current.Offer(announced, Position.At(10));

        var answer = current.Find(Id);
        Assert.NotNull(answer);
        Assert.Equal(1, answer.Version);
        Assert.Equal(20ul, answer.Position.Commit);
        Assert.Same(answer, current.Find(Id));
    }
}
