using System.Globalization;
using System.Net.Http;

namespace Registry.Server.Tests.Telemetry;

/// <summary>One scrape of the Prometheus text format, over real HTTP: each sample's name, labels and value.</summary>
internal sealed record PrometheusScrape(IReadOnlyList<PrometheusScrape.Sample> Samples)
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<PrometheusScrape> GetAsync(HttpClient http, Uri endpoint)
    {
        var text = await http.GetStringAsync(endpoint);
        return new PrometheusScrape(text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(Parse).ToList());
    }

    /// <summary>The samples of one metric whose labels include every given one.</summary>
    public IEnumerable<Sample> Of(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    /// <summary>The sum of the matching samples (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Of(name, labels).Sum(s => s.Value);

    private static Sample Parse(string line)
    {
        // name{label="value",...} value [timestamp]; label values here hold no quotes, commas or braces.
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf('}') is var close and >= 0 ? line.IndexOf(' ', close) : line.IndexOf(' ', StringComparison.Ordinal);
        var name = brace >= 0 && brace < space ? line[..brace] : line[..space];
        var labels = new Dictionary<string, string>();
        if (brace >= 0 && brace < space)
            foreach (var pair in line[(brace + 1)..line.LastIndexOf('}')].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
            }
        var value = line[(space + 1)..].Split(' ')[0];
        return new Sample(name, labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
