namespace Registry.Domain.Tests.Harness;

public static class Should
{
    /// <summary>Assert.Equal as an expression, for Assert.Collection inspectors.</summary>
    public static void ShouldBe<T>(this T actual, T expected) => Assert.Equal(expected, actual);
}
