using Registry.Server.Tests.Programs;
using Registry.V1;

namespace Registry.Server.Tests;

/// <summary>A query given the position a command returned sees that command's effect.</summary>
public sealed class ReadYourWritesTests
{
    [Fact]
    public async Task Reads_given_the_command_position_never_miss_the_command()
    {
        await using var registry = await TestRegistry.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            var id = $"kz-programme-{i}";
            var written = await registry.Client.Commands.AnnounceProgramAsync(new AnnounceProgramRequest
            {
                CommandId = $"announce-{i}", ProgramId = id, ClaimId = "announced", Name = $"Programme {i}", Kind = ProgramKind.Fund,
                Country = "KZ", Certainty = Certainty.Reported,
                Provenance = new Provenance { Outlet = "Ministry", Language = "en", SourceType = SourceType.Official, Reliability = "A", Credibility = 1, Quote = "q" },
            });

            var program = await registry.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = id, MinPosition = written.Position });
            var listed = await registry.Client.Queries.ListProgramsAsync(new ListProgramsRequest { Country = "KZ", PageSize = 500, MinPosition = written.Position });

            Assert.Equal(written.Version, program.Version);
            Assert.Contains(listed.Programs, p => p.Id == id);
        }
    }

    [Fact]
    public async Task A_read_of_its_own_write_does_not_wait_for_the_read_model_to_gather_more_events()
    {
        // Read models gather events for up to this long before committing, unless a read waits for them; a read not
        // answered within 10 s fails with Unavailable.
        await using var registry = await TestRegistry.StartAsync(settings: ["--Projections:BatchInterval=00:10:00"]);
        var id = Requests.NewProgramId();
        var written = await registry.Client.Commands.AnnounceProgramAsync(Requests.Announce(id));
        for (var i = 0; i < 5; i++)
        {
            written = await registry.Client.Commands.ReportClaimAsync(Requests.Report(id, Requests.Calibre($"calibre-{i}", $"{100 + i}", "Defence News", "B2")));
            var program = await registry.Client.Queries.GetProgramAsync(new GetProgramRequest { ProgramId = id, MinPosition = written.Position });
            var listed = await registry.Client.Queries.ListProgramsAsync(new ListProgramsRequest { Country = "KZ", PageSize = 500, MinPosition = written.Position });
            Assert.Equal(written.Version, program.Version);
            Assert.Equal(written.Version, Assert.Single(listed.Programs, p => p.Id == id).Version);
        }
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("01:00:01")]
    public async Task A_batch_interval_out_of_range_stops_the_start_and_is_named(string interval)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestRegistry.StartAsync(settings: [$"--Projections:BatchInterval={interval}"]));
        Assert.Contains("Projections:BatchInterval", error.Message, StringComparison.Ordinal);
    }
}
