using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

public class GrpcTimeoutTests
{
    public static TheoryData<string, long> EveryUnit => new()
    {
        { "2H", 2 * TimeSpan.TicksPerHour },
        { "3M", 3 * TimeSpan.TicksPerMinute },
        { "4S", 4 * TimeSpan.TicksPerSecond },
        { "5m", 5 * TimeSpan.TicksPerMillisecond },
        { "6u", 60 },
        { "700n", 7 },
        { "99999999S", 99_999_999 * TimeSpan.TicksPerSecond },
        { "0m", 0 },
    };

    [Theory]
    [MemberData(nameof(EveryUnit))]
    public void Parses_every_unit(string text, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData("1s")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    [InlineData("1 S")]
    [InlineData("1x")]
    public void Rejects_malformed_values(string? text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    public static TheoryData<long> Durations => new()
    {
        0,
        1,
        10,
        TimeSpan.TicksPerMillisecond,
        TimeSpan.TicksPerSecond * 99,
        TimeSpan.TicksPerSecond * 100,
        TimeSpan.TicksPerSecond * 100 + 1,
        TimeSpan.TicksPerDay * 3 + 7,
        TimeSpan.TicksPerDay * 365 * 100,
        TimeSpan.TicksPerDay * 365 * 20_000,
        TimeSpan.MaxValue.Ticks,
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Format_fits_in_eight_digits_and_never_shortens_the_timeout(long ticks)
    {
        var timeout = TimeSpan.FromTicks(ticks);

        var text = GrpcTimeout.Format(timeout);

        Assert.InRange(text.Length - 1, 1, 8);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed), $"'{text}' does not parse");
        if (ticks <= 99_999_999 * TimeSpan.TicksPerHour)
            Assert.True(parsed >= timeout, $"'{text}' is {parsed}, shorter than {timeout}");
        else
            Assert.Equal("99999999H", text);
    }

    [Theory]
    [InlineData(0L, "0u")]
    [InlineData(10L, "1u")]
    [InlineData(11L, "2u")]
    [InlineData(TimeSpan.TicksPerSecond * 99, "99000000u")]
    [InlineData(TimeSpan.TicksPerSecond * 100, "100000m")]
    [InlineData(TimeSpan.TicksPerSecond * 100 + 1, "100001m")]
    public void Format_picks_the_finest_unit_that_fits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_round_trips_exact_microseconds()
    {
        var timeout = TimeSpan.FromMilliseconds(1234.567);
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed));
        Assert.Equal(timeout, parsed);
    }

    [Fact]
    public void Format_of_a_negative_timeout_is_zero()
    {
        Assert.Equal("0u", GrpcTimeout.Format(TimeSpan.FromSeconds(-5)));
    }
}
