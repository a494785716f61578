namespace Registry.Queries.Bench;

/// <summary>Processor time used by the server and by this client.</summary>
internal readonly record struct CpuTime(TimeSpan Server, TimeSpan Bench)
{
    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.Server - before.Server, after.Bench - before.Bench);
}
