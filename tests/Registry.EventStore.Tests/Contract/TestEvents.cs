using System.Text;

namespace Registry.EventStore.Tests.Contract;

internal static class TestEvents
{
    public static EventData New(string type = "TestHappened.v1", string? data = null) =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(data ?? $$"""{"n":"{{Guid.NewGuid():N}}"}"""), Encoding.UTF8.GetBytes("""{"actor":"test"}"""));

    public static EventData[] Many(int count, string type = "TestHappened.v1") => Enumerable.Range(0, count).Select(_ => New(type)).ToArray();

    public static string Stream(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}
