using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Registry.Domain;
using Registry.Domain.State;
using Registry.EventStore;
using Grpc.Core;
using Registry.Server.Rpc;
using Registry.Server.Programs.Storage;
using Registry.V1;
using Position = Registry.EventStore.Position;

namespace Registry.Server.Programs.Queries;

/// <summary>
/// registry.v1.ProgramQueries: current state and lists from the read model; history and as-of straight from
/// the programme's stream (the log is the truth for auditors); watch = a consistent snapshot, then the log.
/// </summary>
[BindServiceMethod(typeof(ProgramQueriesBinding), nameof(ProgramQueriesBinding.Bind))]
internal sealed class ProgramQueriesService(ProgramReadModel readModel, CurrentPrograms current, IEventStore store, ReadYourWrites readYourWrites, WatchSubscribers watchers)
    : ProgramQueries.ProgramQueriesBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public override async Task<Registry.V1.Program> GetProgram(GetProgramRequest request, ServerCallContext context)
    {
        var id = ParseId(request.ProgramId);
        await readYourWrites.WaitForAsync(request.MinPosition, context);
        var encoded = EncodedOnce.Understood(context);
        if (current.Find(id, encoded) is { } answer)
            return answer;
        var row = readModel.Find(id) ?? throw NotFound(id);
        current.Offer(row.State, row.Position);
        return current.Find(id, encoded) ?? ToProto.Program(row.State, row.Position);
    }

    public override async Task<ListProgramsResponse> ListPrograms(ListProgramsRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        if (request.PageSize is < 0 or > MaxPageSize)
            violations.Add(new("page_size", $"must be from 1 to {MaxPageSize} (0 means {DefaultPageSize})"));
        if (!System.Enum.IsDefined(request.Kind))
            violations.Add(new("kind", "is not a known value"));
        if (!System.Enum.IsDefined(request.Status))
            violations.Add(new("status", "is not a known value"));
        if (!System.Enum.IsDefined(request.Stage))
            violations.Add(new("stage", "is not a known value"));
        if (request.ValidYear is < 0 or > 9999)
            violations.Add(new("valid_year", "must be a year from 1 to 9999 (0: any)"));
        var after = DecodeToken(request.PageToken);
        if (request.PageToken.Length > 0 && after is null)
            violations.Add(new("page_token", "is not a token this service gave out"));
        if (violations.Count > 0)
            throw new InvalidRequestException("Invalid listing request.", violations);
        await readYourWrites.WaitForAsync(request.MinPosition, context);

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        if (request.Stage != LifecycleStage.Unspecified || request.ValidYear != 0 || request.KnownAtCase != ListProgramsRequest.KnownAtOneofCase.None)
            return await ListInTimeAsync(request, after, pageSize, context.CancellationToken);
        var rows = readModel.List(new ProgramReadModel.Filter(
            request.Country.Length == 0 ? null : request.Country,
            request.Kind == Registry.V1.ProgramKind.Unspecified ? null : (Domain.ProgramKind)((int)request.Kind - 1),
            request.Status == LifecycleStage.Unspecified ? null : (Domain.Claims.LifecycleStage)((int)request.Status - 1),
            request.Organisation.Length == 0 ? null : request.Organisation,
            after, pageSize));
        var response = new ListProgramsResponse();
        response.Programs.AddRange(rows.Take(pageSize).Select(r => ToProto.Summary(r.State)));
        if (rows.Count > pageSize)
            response.NextPageToken = EncodeToken(rows[pageSize - 1].State.Id.Value);
        return response;
    }

    /// <summary>Valid time and past record time: the filters run over programme states in memory (see <see cref="KnownAt"/>).</summary>
    private async Task<ListProgramsResponse> ListInTimeAsync(ListProgramsRequest request, string? after, int pageSize, CancellationToken cancellationToken)
    {
        IEnumerable<ProgramState> states = request.KnownAtCase switch
        {
            ListProgramsRequest.KnownAtOneofCase.KnownAtTime => await KnownAt.FoldAsync(store, e => e.Created <= request.KnownAtTime.ToDateTimeOffset(), cancellationToken),
            ListProgramsRequest.KnownAtOneofCase.KnownAtPosition => await KnownAt.FoldAsync(store, e => e.Position <= KnownAt.UpTo(request.KnownAtPosition), cancellationToken),
            _ => readModel.Snapshot().Rows.Select(r => r.State),
        };
        var filter = new ProgramFilter(
            request.Country.Length == 0 ? null : request.Country,
            request.Kind == Registry.V1.ProgramKind.Unspecified ? null : (Domain.ProgramKind)((int)request.Kind - 1),
            request.Status == LifecycleStage.Unspecified ? null : (Domain.Claims.LifecycleStage)((int)request.Status - 1),
            request.Organisation.Length == 0 ? null : request.Organisation,
            request.Stage == LifecycleStage.Unspecified ? null : (Domain.Claims.LifecycleStage)((int)request.Stage - 1),
            request.ValidYear == 0 ? null : request.ValidYear,
            request.AllClaims);
        var page = states.Where(s => (after is null || string.CompareOrdinal(s.Id.Value, after) > 0) && filter.Matches(s))
            .OrderBy(s => s.Id.Value, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var response = new ListProgramsResponse();
        response.Programs.AddRange(page.Take(pageSize).Select(ToProto.Summary));
        if (page.Count > pageSize)
            response.NextPageToken = EncodeToken(page[pageSize - 1].Id.Value);
        return response;
    }

    public override async Task<ProgramTimeline> GetProgramTimeline(GetProgramTimelineRequest request, ServerCallContext context)
    {
        var id = ParseId(request.ProgramId);
        var events = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(id.Stream, Direction.Forwards, 0, long.MaxValue, context.CancellationToken))
            events.Add(recorded);
        var state = ProgramEvents.Fold(id, events) ?? throw NotFound(id);
        return Timeline.Of(state, events.ToDictionary(e => e.Revision, e => e.Position));
    }

    public override async Task GetProgramHistory(GetProgramHistoryRequest request, IServerStreamWriter<HistoryEntry> responses, ServerCallContext context)
    {
        var id = ParseId(request.ProgramId);
        var any = false;
        await foreach (var recorded in store.ReadStreamAsync(id.Stream, Direction.Forwards, 0, long.MaxValue, context.CancellationToken))
        {
            any = true;
            await responses.WriteAsync(History.Entry(recorded), context.CancellationToken);
        }
        if (!any)
            throw NotFound(id);
    }

    public override async Task<Registry.V1.Program> GetProgramAsOf(GetProgramAsOfRequest request, ServerCallContext context)
    {
        var id = ParseId(request.ProgramId);
        Func<RecordedEvent, bool> before = request.AtCase switch
        {
            GetProgramAsOfRequest.AtOneofCase.RecordedAt => e => e.Created <= request.RecordedAt.ToDateTimeOffset(),
            GetProgramAsOfRequest.AtOneofCase.Position => e => e.Position <= KnownAt.UpTo(request.Position),
            _ => throw new InvalidRequestException("Say when.", "at", "must be a recorded_at time or a log position"),
        };
        var events = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(id.Stream, Direction.Forwards, 0, long.MaxValue, context.CancellationToken))
        {
            if (!before(recorded))
                break;
            events.Add(recorded);
        }
        var state = ProgramEvents.Fold(id, events)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Programme '{id}' was not in the registry at that time."));
        return ToProto.Program(state, events[^1].Position);
    }

    public override async Task WatchPrograms(WatchProgramsRequest request, IServerStreamWriter<ProgramUpdate> responses, ServerCallContext context)
    {
        var wanted = request.ProgramIds.Select(ParseId).ToHashSet();
        using var place = watchers.TryEnter()
            ?? throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Too many watchers: at most {watchers.Max} watch at once; retry later."));
        bool Wanted(ProgramId id) => wanted.Count == 0 || wanted.Contains(id);
        var encoded = EncodedOnce.Understood(context);
        var states = new FollowedStates(store);
        Position? from;
        if (request.After is null)
        {
            var (rows, checkpoint) = readModel.Snapshot(wanted);
            foreach (var row in rows)
            {
                states.Know(row.State);
                await responses.WriteAsync(new ProgramUpdate { Program = ToProto.Program(row.State, row.Position), Position = ToProto.Position(row.Position) }, context.CancellationToken);
            }
            from = checkpoint == Position.Start ? null : checkpoint;
        }
        else
        {
            from = new Position(request.After.Commit, request.After.Prepare);
        }

        // Only the watched programmes' streams wake this watcher (a prefix may match longer ids: Wanted decides).
        var filter = wanted.Count == 0 ? SubscriptionFilter.OnStreamPrefix("program-") : SubscriptionFilter.OnStreamPrefix([.. wanted.Select(id => id.Stream)]);
        await foreach (var message in store.SubscribeToAllAsync(from, filter, context.CancellationToken))
        {
            if (message is not SubscriptionMessage.EventAppeared { Recorded: var recorded } ||
                ProgramEvents.ProgramOf(recorded.Stream) is not { } id || !Wanted(id) ||
                ProgramEvents.FromRecorded(recorded) is not { } programEvent)
                continue;
            var state = await states.NextAsync(id, programEvent, recorded, context.CancellationToken);
            var update = encoded
                ? Encoded.GetOrAdd(recorded, r => new Lazy<ProgramUpdate>(() => EncodedOnce.StandIn<ProgramUpdate>(Updates.Encode(state, r)))).Value
                : UpdateEncoder.Message(state, recorded);
            await responses.WriteAsync(update, context.CancellationToken);
        }
    }

    /// <summary>
    /// The update an event makes, built and serialized once for every gRPC watcher of its programme: a stand-in
    /// for its bytes (<see cref="EncodedOnce"/>, <see cref="UpdateEncoder"/>). The watchers of a programme are woken
    /// together: the first builds it, and the others wait the moment that takes rather than build it too. The last
    /// 1,024 events' are kept (about 24 MB at 100 claims per programme), for watchers that fall behind the others.
    /// </summary>
    private static readonly DecodedEvents<Lazy<ProgramUpdate>> Encoded = new(slotBits: 10);

    private static readonly UpdateEncoder Updates = new();

    private static ProgramId ParseId(string text) => ProgramId.IsValid(text)
        ? ProgramId.Parse(text)
        : throw new InvalidRequestException("Invalid programme id.", "program_id", "must be 3-80 lower-case letters, digits or '-'");

    private static RpcException NotFound(ProgramId id) => new(new Status(StatusCode.NotFound, $"No programme '{id}'."));

    private static string EncodeToken(string lastId) => Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + lastId));

    private static string? DecodeToken(string token)
    {
        if (token.Length == 0)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("after:", StringComparison.Ordinal) && ProgramId.IsValid(text[6..]) ? text[6..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
