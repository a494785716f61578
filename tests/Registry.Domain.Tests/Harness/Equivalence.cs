using System.Collections;
using System.Reflection;
using Xunit.Sdk;

namespace Registry.Domain.Tests.Harness;

/// <summary>
/// Compares two values member by member. Records compare their lists by reference (Denies, Aliases), so a plain
/// Assert.Equal would fail on two equal events; here lists are compared element by element, and the failure names
/// the first member that differs (e.g. "[0].Denies[1]").
/// </summary>
public static class Equivalence
{
    public static void AssertEquivalent<T>(T expected, T actual)
    {
        var difference = FirstDifference(expected, actual, string.Empty);
        if (difference is not null)
            throw new XunitException($"Not equivalent at {difference}");
    }

    public static string? FirstDifference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{Path(path)}: expected {Show(expected)}, was {Show(actual)}";
        if (expected is IEnumerable expectedItems and not string && actual is IEnumerable actualItems and not string)
        {
            // Lists compare by their items, whatever list type holds them (an array literal against a List).
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                var difference = FirstDifference(left[i], right[i], $"{path}[{i}]");
                if (difference is not null)
                    return difference;
            }
            return left.Count == right.Count ? null : $"{Path(path)}: expected {left.Count} items, was {right.Count}";
        }
        var type = expected.GetType();
        if (type != actual.GetType())
            return $"{Path(path)}: expected a {type.Name} ({Show(expected)}), was a {actual.GetType().Name} ({Show(actual)})";
        if (type.IsPrimitive || type.IsEnum || type.IsValueType || expected is string)
            return expected.Equals(actual) ? null : $"{Path(path)}: expected {Show(expected)}, was {Show(actual)}";
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var difference = FirstDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (difference is not null)
                return difference;
        }
        return null;
    }

    private static string Path(string path) => path.Length == 0 ? "the value" : path.TrimStart('.');

    private static string Show(object? value) => value is null ? "null" : $"'{value}'";
}
