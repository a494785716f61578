// Usage:
//   Registry.Grpc.Bench --mode grpc|bare --port N     serve Echo.Unary on 127.0.0.1:N (cleartext HTTP/2)
//   Registry.Grpc.Bench --write-request PATH          write the pre-framed EchoRequest h2load sends
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Registry.Grpc.Bench;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();

if (config["write-request"] is { } requestPath)
{
    await File.WriteAllBytesAsync(requestPath, BenchPayload.FramedRequest());
    return 0;
}

var mode = config["mode"];
if (!int.TryParse(config["port"], out var port) || mode is not ("grpc" or "bare"))
{
    await Console.Error.WriteLineAsync("usage: --mode grpc|bare --port N | --write-request PATH");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
// Logging per request would be measured too; the benchmark wants the protocol path only.
builder.Logging.ClearProviders();
// Cleartext h2c needs Http2 only: Http1AndHttp2 falls back to HTTP/1.1 without TLS negotiation.
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
if (mode == "grpc")
    builder.Services.AddGrpc();

var app = builder.Build();
if (mode == "grpc")
    app.MapGrpcService<BenchEchoService>();
else
    BareMode.Map(app);
await app.RunAsync();
return 0;
