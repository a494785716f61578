using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Claims;
using Registry.Domain.Events;
using Registry.Domain.State;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// Compile-time JSON metadata for everything the log and the read model store, so that no reflection runs when
/// events are written or read. Used through <see cref="DomainJson.Options"/>, which adds the converters and the
/// claim value tags; stored bytes are pinned by StoredFormatTests.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProgramAnnounced))]
[JsonSerializable(typeof(LifecycleReported))]
[JsonSerializable(typeof(AttributeReported))]
[JsonSerializable(typeof(OrganisationRoleReported))]
[JsonSerializable(typeof(ReportDenied))]
[JsonSerializable(typeof(ClaimRanked))]
[JsonSerializable(typeof(ClaimRetracted))]
[JsonSerializable(typeof(ClaimSuperseded))]
// Claim values are written by their concrete type (see DomainJson's "kind" tags): each needs its own metadata.
[JsonSerializable(typeof(ClaimValue.Quantity))]
[JsonSerializable(typeof(ClaimValue.Money))]
[JsonSerializable(typeof(ClaimValue.Percentage))]
[JsonSerializable(typeof(ClaimValue.DateValue))]
[JsonSerializable(typeof(ClaimValue.Place))]
[JsonSerializable(typeof(ClaimValue.Text))]
[JsonSerializable(typeof(ClaimValue.Unreadable))]
[JsonSerializable(typeof(EventMetadata))]
[JsonSerializable(typeof(ClaimRecord))]
[JsonSerializable(typeof(ProgramState))]
[JsonSerializable(typeof(ClaimRecord[]))]
[JsonSerializable(typeof(IReadOnlyList<ClaimRecord>))]
internal sealed partial class DomainJsonContext : JsonSerializerContext;
