using System.Runtime.CompilerServices;
using Grpc.Core;
using Registry.V1;

namespace Registry.Client;

/// <summary>Conveniences over the generated ProgramQueries client.</summary>
public static class ProgramQueriesExtensions
{
    /// <summary>Every page of a listing, following next_page_token.</summary>
    public static async IAsyncEnumerable<ProgramSummary> ListAllProgramsAsync(this ProgramQueries.ProgramQueriesClient client,
        ListProgramsRequest filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(filter);
        var request = filter.Clone();
        while (true)
        {
            var page = await client.ListProgramsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var summary in page.Programs)
                yield return summary;
            if (page.NextPageToken.Length == 0)
                yield break;
            request.PageToken = page.NextPageToken;
        }
    }

    /// <summary>A server stream's messages as an async sequence (the caller still owns, and disposes, the call).</summary>
    public static IAsyncEnumerable<T> ReadAllAsync<T>(this AsyncServerStreamingCall<T> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.ResponseStream.ReadAllAsync(cancellationToken);
    }
}
