using Registry.Client;
using Grpc.Core;
using Registry.V1;
using static Registry.Server.Tests.Programs.Requests;

namespace Registry.Server.Tests.Programs;

/// <summary>ListPrograms on a registry holding exactly three programmes: filters, one at a time, and pages.</summary>
public sealed class ListProgramsTests(ListProgramsTests.ThreePrograms fixture) : IClassFixture<ListProgramsTests.ThreePrograms>
{
    public const string Tank = "kz-tulpar-light-tank";
    public const string Arma = "tr-arma-8x8";
    public const string Drone = "kz-anka-uav-assembly";

    /// <summary>A Kazakh light tank in production with Otokar ("Otocar"), a Turkish 8x8 by Otokar, a Kazakh UAV line by TAI.</summary>
    public sealed class ThreePrograms : IAsyncLifetime
    {
        public RegistryFixture Registry { get; } = new();

        public async Task InitializeAsync()
        {
            await Registry.InitializeAsync();
            await Registry.SendAsync(Announce(Tank, "Tulpar light tank", ProgramKind.LightTank, "KZ"));
            await Registry.SendAsync(Organisation(Tank, "licensor", "Otokar", "TR", OrganisationRole.PlatformLicensor, "Otocar", "Otokar Otomotiv"));
            var tank = await Registry.SendAsync(StartProduction(Tank));
            await Registry.SendAsync(Announce(Arma, "Arma 8x8", ProgramKind.ArmouredVehicle8X8, "TR"));
            var arma = await Registry.SendAsync(Organisation(Arma, "maker", "Otokar", "TR", OrganisationRole.Manufacturer));
            await Registry.SendAsync(Announce(Drone, "Anka UAV assembly", ProgramKind.UnmannedAerialVehicle, "KZ"));
            var drone = await Registry.SendAsync(Organisation(Drone, "maker", "Turkish Aerospace", "TR", OrganisationRole.Manufacturer, "TAI", "TUSAS"));
            await Registry.GetAtLeastAsync(Tank, tank.Version);
            await Registry.GetAtLeastAsync(Arma, arma.Version);
            await Registry.GetAtLeastAsync(Drone, drone.Version);
        }

        public Task DisposeAsync() => Registry.DisposeAsync();
    }

    private async Task<ListProgramsResponse> ListAsync(ListProgramsRequest request) =>
        await fixture.Registry.Client.Queries.ListProgramsAsync(request);

    private async Task<string[]> IdsAsync(ListProgramsRequest request) =>
        (await ListAsync(request)).Programs.Select(p => p.Id).ToArray();

    [Fact]
    public async Task Without_a_filter_every_programme_is_listed_in_id_order_with_its_summary()
    {
        var response = await ListAsync(new ListProgramsRequest());

        Assert.Equal([Drone, Tank, Arma], response.Programs.Select(p => p.Id));
        Assert.Empty(response.NextPageToken);
        var tank = response.Programs.Single(p => p.Id == Tank);
        Assert.Equal("Tulpar light tank", tank.Name);
        Assert.Equal(ProgramKind.LightTank, tank.Kind);
        Assert.Equal("KZ", tank.Country);
        Assert.Equal(LifecycleStage.ProductionStarted, tank.Status);
        Assert.Equal(2, tank.Version);
        Assert.Equal(0, tank.Conflicts);
    }

    [Fact]
    public async Task Filters_by_country() =>
        Assert.Equal([Drone, Tank], await IdsAsync(new ListProgramsRequest { Country = "KZ" }));

    [Fact]
    public async Task Filters_by_kind() =>
        Assert.Equal([Arma], await IdsAsync(new ListProgramsRequest { Kind = ProgramKind.ArmouredVehicle8X8 }));

    [Fact]
    public async Task Filters_by_status()
    {
        Assert.Equal([Tank], await IdsAsync(new ListProgramsRequest { Status = LifecycleStage.ProductionStarted }));
        Assert.Equal([Drone, Arma], await IdsAsync(new ListProgramsRequest { Status = LifecycleStage.Announced }));
    }

    [Theory]
    [InlineData("Otokar", new[] { Tank, Arma })]
    [InlineData("otokar", new[] { Tank, Arma })]
    [InlineData("Otocar", new[] { Tank })]
    [InlineData("OTOKAR OTOMOTIV", new[] { Tank })]
    [InlineData("TAI", new[] { Drone })]
    [InlineData("Turkish Aerospace", new[] { Drone })]
    [InlineData("Otok", new string[0])]
    [InlineData("%", new string[0])]
    public async Task Filters_by_organisation_name_or_alias_case_insensitively_and_whole(string organisation, string[] expected) =>
        Assert.Equal(expected, await IdsAsync(new ListProgramsRequest { Organisation = organisation }));

    [Fact]
    public async Task Filters_combine() =>
        Assert.Equal([Tank], await IdsAsync(new ListProgramsRequest { Country = "KZ", Organisation = "Otokar" }));

    [Fact]
    public async Task Pages_of_one_follow_the_next_page_token_to_the_end()
    {
        var seen = new List<string>();
        var request = new ListProgramsRequest { PageSize = 1 };
        var pages = 0;
        while (true)
        {
            var page = await ListAsync(request);
            pages++;
            seen.AddRange(page.Programs.Select(p => p.Id));
            Assert.Single(page.Programs);
            if (page.NextPageToken.Length == 0)
                break;
            Assert.True(pages < 3, "a third page of one must be the last (no next_page_token)");
            request = new ListProgramsRequest { PageSize = 1, PageToken = page.NextPageToken };
        }

        Assert.Equal(3, pages);
        Assert.Equal([Drone, Tank, Arma], seen);
    }

    [Fact]
    public async Task Pages_keep_the_filter()
    {
        var first = await ListAsync(new ListProgramsRequest { PageSize = 1, Country = "KZ" });
        var second = await ListAsync(new ListProgramsRequest { PageSize = 1, Country = "KZ", PageToken = first.NextPageToken });

        Assert.Equal([Drone], first.Programs.Select(p => p.Id));
        Assert.Equal([Tank], second.Programs.Select(p => p.Id));
        Assert.Empty(second.NextPageToken);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("bm90IGEgdG9rZW4=")] // base64 of "not a token"
    public async Task A_bad_page_token_is_invalid_argument(string token)
    {
        var failure = await RegistryFixture.FailsAsync(ListAsync(new ListProgramsRequest { PageSize = 1, PageToken = token }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains(failure.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "page_token");
    }

    [Fact]
    public async Task A_bad_page_size_or_an_unknown_kind_is_invalid_argument_naming_each_field()
    {
        var failure = await RegistryFixture.FailsAsync(ListAsync(new ListProgramsRequest { PageSize = 501, Kind = (ProgramKind)99, Status = (LifecycleStage)99 }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["kind", "page_size", "status"],
            failure.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
    }
}
