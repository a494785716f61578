namespace Registry.Grpc.Bench;

/// <summary>
/// Mode "bare": the ceiling, what Kestrel itself costs for one unary gRPC exchange. The request body is still
/// read to the end (any real handler must); the reply was framed once at start-up.
/// </summary>
internal static class BareMode
{
    public static void Map(WebApplication app)
    {
        var replyFrame = BenchPayload.FramedReply();
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
    }
}
