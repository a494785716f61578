using System.Text.RegularExpressions;
using Grpc.Core;
using Registry.EventStore;
using static Registry.EventStoreDb.Wire.Streams.ReadReq.Types.Options.Types;

namespace Registry.EventStoreDb.Conformance;

/// <summary>
/// A server-side filter of a read or subscription of $all: on the stream name or the event type, by prefixes
/// or a regular expression; and how many events it scans between checkpoints.
/// </summary>
internal sealed class ReadFilter
{
    private const uint DefaultWindow = 32;

    private readonly bool _onStream;
    private readonly string[] _prefixes;
    private readonly Regex? _regex;

    private ReadFilter(bool onStream, string[] prefixes, Regex? regex, uint checkpointInterval)
    {
        _onStream = onStream;
        _prefixes = prefixes;
        _regex = regex;
        CheckpointInterval = checkpointInterval;
    }

    /// <summary>Events scanned (matching or not) after which a checkpoint is sent.</summary>
    public uint CheckpointInterval { get; }

    /// <summary>The filter asked for, or null for none; INVALID_ARGUMENT for a malformed one.</summary>
    public static ReadFilter? From(FilterOptions? options)
    {
        if (options is null || options.FilterCase == FilterOptions.FilterOneofCase.None)
            return null;
        var onStream = options.FilterCase == FilterOptions.FilterOneofCase.StreamIdentifier;
        var expression = onStream ? options.StreamIdentifier : options.EventType;
        Regex? regex = null;
        if (!string.IsNullOrEmpty(expression.Regex))
        {
            try
            {
                regex = new Regex(expression.Regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"options.filter: bad regular expression: {e.Message}"));
            }
        }
        var window = options.WindowCase == FilterOptions.WindowOneofCase.Max && options.Max > 0 ? options.Max : DefaultWindow;
        var interval = window * Math.Max(options.CheckpointIntervalMultiplier, 1);
        return new ReadFilter(onStream, [.. expression.Prefix], regex, interval);
    }

    public bool Matches(RecordedEvent recorded)
    {
        var subject = _onStream ? recorded.Stream : recorded.Type;
        if (_regex is not null && !_regex.IsMatch(subject))
            return false;
        return _prefixes.Length == 0 || _prefixes.Any(p => subject.StartsWith(p, StringComparison.Ordinal));
    }
}
