namespace Registry.Grpc.Bench;

/// <summary>What both servers receive and echo, so their replies are byte-for-byte the same.</summary>
internal static class BenchPayload
{
    public const string Text = "registry bench: unary echo";
}
