using System.Runtime.CompilerServices;
using Registry.Grpc.Client;
using Registry.V1;

namespace Registry.Client;

/// <summary>Reading the registry: current state, listings, history, past states and the watch stream.</summary>
public sealed class ProgramQueriesClient(GrpcChannel channel, CallContext context)
{
    public Task<V1.Program> GetProgramAsync(string programId, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.GetProgram, new GetProgramRequest { ProgramId = programId }, context.ToOptions(cancellationToken)).ResponseAsync;

    public Task<ListProgramsResponse> ListProgramsAsync(ListProgramsRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.ListPrograms, request, context.ToOptions(cancellationToken)).ResponseAsync;

    /// <summary>Every page of a listing, following next_page_token.</summary>
    public async IAsyncEnumerable<ProgramSummary> ListAllProgramsAsync(ListProgramsRequest filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var request = filter.Clone();
        while (true)
        {
            var page = await ListProgramsAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var summary in page.Programs)
                yield return summary;
            if (page.NextPageToken.Length == 0)
                yield break;
            request.PageToken = page.NextPageToken;
        }
    }

    public IAsyncEnumerable<HistoryEntry> GetProgramHistoryAsync(string programId, CancellationToken cancellationToken = default) =>
        Stream(RegistryMethods.GetProgramHistory, new GetProgramHistoryRequest { ProgramId = programId }, cancellationToken);

    public Task<V1.Program> GetProgramAsOfAsync(GetProgramAsOfRequest request, CancellationToken cancellationToken = default) =>
        channel.Unary(RegistryMethods.GetProgramAsOf, request, context.ToOptions(cancellationToken)).ResponseAsync;

    /// <summary>The current states, then every change until cancelled.</summary>
    public IAsyncEnumerable<ProgramUpdate> WatchProgramsAsync(WatchProgramsRequest request, CancellationToken cancellationToken = default) =>
        Stream(RegistryMethods.WatchPrograms, request, cancellationToken);

    private async IAsyncEnumerable<TResponse> Stream<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        using var call = channel.ServerStreaming(method, request, context.ToOptions(cancellationToken));
        await foreach (var response in call.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return response;
    }
}
