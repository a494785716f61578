namespace Registry.Domain.Tests.Folding;

/// <summary>
/// The fates decisions read: a settled table that versions share and a chain of each version's newer changes.
/// Whatever order versions are extended in, from however many threads, and however often their chains are settled,
/// each sees exactly the fates it was made with.
/// </summary>
public sealed class Versions_of_claim_fates
{
    private static ClaimId Id(int n) => ClaimId.Parse($"c-{n}");

    private static ClaimFate Attribute(string name) => new(ClaimKind.Attribute) { Attribute = name };

    private static Dictionary<string, ClaimFate> Seen(ClaimFates fates) => fates.All().ToDictionary(f => f.Id.Value, f => f.Fate);

    [Fact]
    public void Then_each_version_keeps_what_it_was_made_with()
    {
        var first = ClaimFates.Empty.With(Id(1), Attribute("turret"));
        var second = first.With(Id(2), Attribute("crew"));
        var corrected = second.With(Id(1), Attribute("turret") with { IsRetracted = true });

        Assert.Null(ClaimFates.Empty.Find(Id(1)));
        Assert.False(first.Find(Id(1))!.IsRetracted);
        Assert.Null(first.Find(Id(2)));
        Assert.False(second.Find(Id(1))!.IsRetracted);
        Assert.True(corrected.Find(Id(1))!.IsRetracted);
        Assert.Equal(["c-1"], Seen(first).Keys);
        Assert.Equal(["c-1", "c-2"], Seen(corrected).Keys.Order());
        Assert.True(Seen(corrected)["c-1"].IsRetracted);
    }

    [Fact]
    public void Then_an_older_version_extended_again_leaves_the_newer_ones_as_they_were()
    {
        var first = ClaimFates.Empty.With(Id(1), Attribute("turret"));
        var newer = first.With(Id(2), Attribute("crew")).With(Id(1), Attribute("turret") with { IsRetracted = true });

        var other = first.With(Id(3), Attribute("engine")).With(Id(1), Attribute("turret") with { Rank = Rank.Preferred });

        Assert.Equal(["c-1", "c-2"], Seen(newer).Keys.Order());
        Assert.True(newer.Find(Id(1))!.IsRetracted);
        Assert.Equal(Rank.Normal, newer.Find(Id(1))!.Rank);
        Assert.Equal(["c-1", "c-3"], Seen(other).Keys.Order());
        Assert.False(other.Find(Id(1))!.IsRetracted);
        Assert.Equal(Rank.Preferred, other.Find(Id(1))!.Rank);
        Assert.Equal(["c-1"], Seen(first).Keys);
    }

    [Fact]
    public async Task Then_threads_extending_the_same_version_each_get_their_own()
    {
        var start = Enumerable.Range(0, 50).Aggregate(ClaimFates.Empty, (fates, n) => fates.With(Id(n), Attribute($"a{n}")));
        var threads = 8;
        var perThread = 200;
        using var ready = new Barrier(threads);

        var results = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            ready.SignalAndWait();
            var fates = start;
            var versions = new List<ClaimFates>();
            for (var i = 0; i < perThread; i++)
            {
                // Each thread adds claims of its own and corrects one of the shared ones, alternately.
                fates = i % 2 == 0
                    ? fates.With(Id(1000 * (t + 1) + i), Attribute($"t{t}"))
                    : fates.With(Id(i % 50), Attribute($"a{i % 50}") with { Rank = (Rank)(1 + t % 2) });
                versions.Add(fates);
            }
            return versions;
        }, TaskCreationOptions.LongRunning)).ToArray();
        var ended = await Task.WhenAll(results);

        Assert.Equal(50, Seen(start).Count);
        Assert.All(Seen(start).Values, fate => Assert.Equal(Rank.Normal, fate.Rank));
        for (var t = 0; t < threads; t++)
        {
            var versions = ended[t];
            for (var i = 0; i < perThread; i++)
            {
                var seen = Seen(versions[i]);
                var own = Enumerable.Range(0, i + 1).Where(k => k % 2 == 0).Select(k => $"c-{1000 * (t + 1) + k}");
                Assert.Equal(own.Concat(Enumerable.Range(0, 50).Select(n => $"c-{n}")).Order(), seen.Keys.Order());
                var corrected = Enumerable.Range(0, i + 1).Where(k => k % 2 == 1).Select(k => $"c-{k % 50}").ToHashSet();
                foreach (var n in Enumerable.Range(0, 50))
                    Assert.Equal(corrected.Contains($"c-{n}") ? (Rank)(1 + t % 2) : Rank.Normal, seen[$"c-{n}"].Rank);
            }
        }
    }

    [Fact]
    public async Task Then_readers_of_older_versions_see_theirs_while_the_newest_grows()
    {
        const int steps = 3000;
        var versions = new ClaimFates?[steps];
        var published = -1;
        // Step i adds claim i; every third step also marks claim 0 retracted or not, alternately.
        static bool RetractedAt(int step) => step / 3 % 2 == 1;

        var writer = Task.Factory.StartNew(() =>
        {
            var fates = ClaimFates.Empty;
            for (var i = 0; i < steps; i++)
            {
                fates = fates.With(Id(i), Attribute($"a{i}"));
                if (i % 3 == 0 && i > 0)
                    fates = fates.With(Id(0), Attribute("a0") with { IsRetracted = RetractedAt(i) });
                versions[i] = fates;
                Volatile.Write(ref published, i);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 3).Select(r => Task.Factory.StartNew(() =>
        {
            var random = new Random(r);
            var checkedVersions = 0;
            while (!writer.IsCompleted || checkedVersions < 1000)
            {
                var last = Volatile.Read(ref published);
                if (last < 0)
                    continue;
                var step = random.Next(last + 1);
                var fates = versions[step]!;
                Assert.NotNull(fates.Find(Id(step)));
                Assert.Null(fates.Find(Id(step + 1)));
                Assert.Equal(step >= 3 && RetractedAt(step - step % 3), fates.Find(Id(0))!.IsRetracted);
                checkedVersions++;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(steps, versions[^1]!.All().Count());
    }
}
