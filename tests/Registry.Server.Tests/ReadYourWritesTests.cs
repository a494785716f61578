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
}
