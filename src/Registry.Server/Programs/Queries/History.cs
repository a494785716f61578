using System.Text;
using Google.Protobuf.WellKnownTypes;
using Registry.Domain.Events;
using Registry.EventStore;
using Registry.Server.Programs.Storage;
using Registry.V1;

namespace Registry.Server.Programs.Queries;

/// <summary>A stored event as auditors read it: payload, metadata, record time, and one line for people.</summary>
internal static class History
{
    public static HistoryEntry Entry(RecordedEvent recorded)
    {
        var metadata = EventMetadata.FromJson(recorded.Metadata);
        return new HistoryEntry
        {
            EventId = recorded.EventId.ToString(),
            Type = recorded.Type,
            Revision = recorded.Revision,
            Position = ToProto.Position(recorded.Position),
            RecordedAt = Timestamp.FromDateTimeOffset(recorded.Created),
            Data = Encoding.UTF8.GetString(recorded.Data.Span),
            CommandId = metadata?.CommandId ?? string.Empty,
            Actor = metadata?.Actor ?? string.Empty,
            CorrelationId = metadata?.CorrelationId ?? string.Empty,
            CausationId = metadata?.CausationId ?? string.Empty,
            Summary = Summary(ProgramEvents.FromRecorded(recorded)),
        };
    }

    private static string Summary(IProgramEvent? programEvent) => programEvent switch
    {
        ProgramAnnounced e => $"announced \"{e.Name}\" ({e.Kind}, {e.Country}) per {e.Provenance.Outlet} [{e.Provenance.Grade}]",
        LifecycleReported e => $"{e.Stage}{(e.ValidTime is null ? "" : $" {e.ValidTime}")}{(e.Value is null ? "" : $": {e.Value}")} per {e.Provenance.Outlet} [{e.Provenance.Grade}] ({e.ClaimId})",
        AttributeReported e => $"{e.Attribute} = {e.Value} per {e.Provenance.Outlet} [{e.Provenance.Grade}] ({e.ClaimId})",
        OrganisationRoleReported e => $"{e.Organisation} as {e.Role} per {e.Provenance.Outlet} [{e.Provenance.Grade}] ({e.ClaimId})",
        ReportDenied e => $"{e.DeniedBy} denied {string.Join(", ", e.Denies)} ({e.ClaimId})",
        ClaimRanked e => $"{e.Operator} ranked {e.ClaimId} {e.Rank}: {e.Reason}",
        ClaimRetracted e => $"{e.Operator} retracted {e.ClaimId}: {e.Reason}",
        ClaimSuperseded e => $"{e.Operator} superseded {e.ClaimId} with {e.Replacement}: {e.Reason}",
        _ => "an event this version of the registry does not know",
    };
}
