// Usage:
//   Registry.Grpc.Bench --mode grpc|bare --port N     serve Echo.Unary on 127.0.0.1:N (cleartext HTTP/2)
//   Registry.Grpc.Bench --write-request PATH          write the pre-framed EchoRequest h2load sends
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Registry.Grpc.Bench;
using Registry.Grpc.Protocol;
using Registry.Interop.V1;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();

if (config["write-request"] is { } requestPath)
{
    await File.WriteAllBytesAsync(requestPath, Frame(new EchoRequest { Text = BenchPayload.Text }));
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
{
    GrpcMode.Configure(builder);
    var grpcApp = builder.Build();
    GrpcMode.Map(grpcApp);
    await grpcApp.RunAsync();
    return 0;
}

// The ceiling: what Kestrel itself costs for one unary gRPC exchange. The request body is still read to
// the end (any real handler must), the reply is framed once at start-up.
var replyFrame = Frame(new EchoReply { Text = BenchPayload.Text });
var app = builder.Build();
app.Run(async context =>
{
    var reader = context.Request.BodyReader;
    while (true)
    {
        var read = await reader.ReadAsync(context.RequestAborted);
        reader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
            break;
    }
    context.Response.StatusCode = StatusCodes.Status200OK;
    context.Response.ContentType = "application/grpc";
    context.Response.AppendTrailer("grpc-status", "0");
    await context.Response.BodyWriter.WriteAsync(replyFrame, context.RequestAborted);
});
await app.RunAsync();
return 0;

static byte[] Frame(IMessage message)
{
    var frame = new byte[MessageFrame.HeaderSize + message.CalculateSize()];
    MessageFrame.WriteHeader(frame, compressed: false, message.CalculateSize());
    message.WriteTo(frame.AsSpan(MessageFrame.HeaderSize));
    return frame;
}
