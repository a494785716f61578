namespace Registry.Domain.Tests.Folding;

/// <summary>
/// A state's claims: full chunks that versions share and a tail of their own. Whatever order versions are extended
/// in, each sees exactly the claims it was made with, on either side of a chunk's end.
/// </summary>
public sealed class Versions_of_a_claim_list
{
    private static ClaimRecord Claim(string id) =>
        new(Ids.Claim(id), ClaimKind.Attribute, Sources.DefenceBlog("quote"), Certainty.Reported, null, 0, Scenario.FirstRecordedAt);

    private static string[] Ids_(ClaimList claims) => [.. claims.Select(c => c.Id.Value)];

    [Fact]
    public void Then_each_version_keeps_what_it_was_made_with()
    {
        ClaimList empty = [];
        var one = empty.Add(Claim("a"));
        var two = one.Add(Claim("b"));
        var three = two.Add(Claim("c"));
        var corrected = three.SetItem(1, Claim("b") with { Rank = Rank.Deprecated });

        Assert.Empty(empty);
        Assert.Equal(["a"], Ids_(one));
        Assert.Equal(["a", "b"], Ids_(two));
        Assert.Equal(["a", "b", "c"], Ids_(three));
        Assert.Equal(Rank.Normal, three[1].Rank);
        Assert.Equal(Rank.Deprecated, corrected[1].Rank);
        Assert.Equal("c", three[^1].Id.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => two[2]);
    }

    [Fact]
    public void Then_an_older_version_extended_again_leaves_the_newer_ones_as_they_were()
    {
        var two = ClaimList.Empty.Add(Claim("a")).Add(Claim("b"));
        var newer = two.Add(Claim("c")).Add(Claim("d"));

        var other = two.Add(Claim("x"));
        var afterCorrection = newer.SetItem(0, Claim("a") with { Rank = Rank.Preferred }).Add(Claim("e"));

        Assert.Equal(["a", "b", "c", "d"], Ids_(newer));
        Assert.Equal(["a", "b", "x"], Ids_(other));
        Assert.Equal(["a", "b", "x", "y"], Ids_(other.Add(Claim("y"))));
        Assert.Equal(["a", "b", "c", "d", "e"], Ids_(afterCorrection));
        Assert.Equal(Rank.Normal, newer[0].Rank);
        Assert.Equal(["a", "b"], Ids_(two));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(100)]
    public void Then_a_list_built_claim_by_claim_and_one_made_at_once_agree_across_chunks(int count)
    {
        var claims = Enumerable.Range(0, count).Select(n => Claim($"c{n}")).ToArray();
        var added = claims.Aggregate(ClaimList.Empty, (list, claim) => list.Add(claim));
        ClaimList made = [.. claims];

        Assert.Equal(claims.Select(c => c.Id.Value), Ids_(added));
        Assert.Equal(claims.Select(c => c.Id.Value), Ids_(made));
        for (var i = 0; i < count; i++)
        {
            Assert.Same(claims[i], added[i]);
            Assert.Same(claims[i], made[i]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => added[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => made[-1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(70)]
    public void Then_replacing_a_claim_in_a_full_chunk_or_in_the_tail_changes_that_claim_only(int place)
    {
        ClaimList claims = [.. Enumerable.Range(0, 71).Select(n => Claim($"c{n}"))];
        var replaced = claims.SetItem(place, Claim("new"));

        Assert.Equal(Enumerable.Range(0, 71).Select(n => n == place ? "new" : $"c{n}"), Ids_(replaced));
        Assert.Equal(Enumerable.Range(0, 71).Select(n => $"c{n}"), Ids_(claims));
        Assert.Equal(Enumerable.Range(0, 72).Select(n => n == place ? "new" : $"c{n}"), Ids_(replaced.Add(Claim("c71"))));
    }
}
