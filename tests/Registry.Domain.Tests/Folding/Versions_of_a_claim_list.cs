namespace Registry.Domain.Tests.Folding;

/// <summary>
/// A state's claims share one array between the versions of a programme: whatever order versions are extended in,
/// from however many threads, each sees exactly the claims it was made with.
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

    [Fact]
    public async Task Then_threads_extending_the_same_version_each_get_their_own()
    {
        ClaimList start = [.. Enumerable.Range(0, 5).Select(n => Claim($"s{n}"))];
        start = start.Add(Claim("s5")); // room to grow in place: the threads race for the same next slot
        var threads = 8;
        var perThread = 300;
        using var ready = new Barrier(threads);

        var results = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            ready.SignalAndWait();
            var claims = start;
            var versions = new List<ClaimList>();
            for (var i = 0; i < perThread; i++)
            {
                claims = claims.Add(Claim($"t{t}-{i}"));
                versions.Add(claims);
            }
            return versions;
        }, TaskCreationOptions.LongRunning)).ToArray();
        var ended = await Task.WhenAll(results);

        var shared = Enumerable.Range(0, 6).Select(n => $"s{n}").ToArray();
        Assert.Equal(shared, Ids_(start));
        for (var t = 0; t < threads; t++)
        {
            for (var i = 0; i < perThread; i++)
                Assert.Equal(shared.Concat(Enumerable.Range(0, i + 1).Select(k => $"t{t}-{k}")), Ids_(ended[t][i]));
        }
    }
}
