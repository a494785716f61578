using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Registry.Server.Tests.Http;

/// <summary>The real curl against the registry's HTTP endpoint: what a script would do, no .NET HTTP stack in between.</summary>
internal static class Curl
{
    public sealed record Reply(int Status, string Body, string Headers, string HttpVersion)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public override string ToString() => $"HTTP {Status}: {Body}";
    }

    /// <param name="credential">Sent as x-api-key, or as a bearer token when it starts with "Bearer ".</param>
    /// <param name="options">curl options in place of the default --http1.1, e.g. --http2 --cacert FILE.</param>
    public static async Task<Reply> SendAsync(string method, Uri url, string? credential = null, string? jsonBody = null, IEnumerable<string>? options = null)
    {
        using var folder = new Registry.EventStore.Tests.TempFolder();
        var headersFile = folder.File("headers.txt");
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "--silent", "--show-error", "--max-time", "30", "--request", method, "--dump-header", headersFile,
                     "--write-out", "\n%{http_code} %{http_version}" }.Concat(options ?? ["--http1.1"]))
            start.ArgumentList.Add(argument);
        if (credential is not null)
        {
            start.ArgumentList.Add("--header");
            // A header file would keep the key out of the process list; in tests the keys are test keys.
            start.ArgumentList.Add(credential.StartsWith("Bearer ", StringComparison.Ordinal) ? $"Authorization: {credential}" : $"x-api-key: {credential}");
        }
        if (jsonBody is not null)
        {
            start.ArgumentList.Add("--header");
            start.ArgumentList.Add("Content-Type: application/json");
            start.ArgumentList.Add("--data-binary");
            start.ArgumentList.Add(jsonBody);
        }
        start.ArgumentList.Add(url.ToString());

        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"curl {method} {url} exited {process.ExitCode}: {await error}");
        var text = await output;
        var split = text.LastIndexOf('\n');
        var outcome = text[(split + 1)..].Split(' ');
        return new Reply(int.Parse(outcome[0], System.Globalization.CultureInfo.InvariantCulture), text[..split], await File.ReadAllTextAsync(headersFile), outcome[1]);
    }

    public static Task<Reply> GetAsync(Uri url, string? credential = null) => SendAsync("GET", url, credential);

    public static Task<Reply> PostAsync(Uri url, string? credential, object body) => SendAsync("POST", url, credential, JsonSerializer.Serialize(body));
}
