using System.Globalization;
using Registry.EventStoreDb.Conformance;

// A development node: `dotnet run --project src/Registry.EventStoreDb.Conformance -- [port] [data file] [user:password]`
// Point the registry at it with Storage:Provider=EventStoreDb and the connection string it prints.
var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2113;
var data = args.Length > 1 ? args[1] : Path.Combine("conformance-data", "events.db");
var users = new Dictionary<string, string>();
if (args.Length > 2 && args[2].Split(':', 2) is [var user, var password])
    users[user] = password;

await using var server = await ConformanceServer.StartAsync(new ConformanceOptions { DataPath = data, Port = port, Users = users });
Console.WriteLine($"EventStoreDB-protocol conformance node on {server.ConnectionString}; log in {Path.GetFullPath(data)}. Ctrl+C stops it.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
