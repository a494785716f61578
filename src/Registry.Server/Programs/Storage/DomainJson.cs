using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Registry.Domain;
using Registry.Domain.Claims;
using Registry.Domain.State;

namespace Registry.Server.Programs.Storage;

/// <summary>
/// How domain events and states are written as JSON: snake_case enums, ids as strings, claim values tagged
/// with a "kind". The domain itself carries no serialization attributes; the metadata is source-generated
/// (<see cref="DomainJsonContext"/>).
/// </summary>
internal static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<EventMetadata> Metadata { get; } = (JsonTypeInfo<EventMetadata>)Options.GetTypeInfo(typeof(EventMetadata));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = DomainJsonContext.Default.WithAddedModifier(TagClaimValues),
        };
        options.Converters.Add(new RecentStrings());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new StringIdConverter<ClaimId>(ClaimId.Parse, id => id.Value));
        options.Converters.Add(new StringIdConverter<ProgramId>(ProgramId.Parse, id => id.Value));
        options.Converters.Add(new ClaimListConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void TagClaimValues(JsonTypeInfo info)
    {
        if (info.Type != typeof(ClaimValue))
            return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            DerivedTypes =
            {
                new JsonDerivedType(typeof(ClaimValue.Quantity), "quantity"),
                new JsonDerivedType(typeof(ClaimValue.Money), "money"),
                new JsonDerivedType(typeof(ClaimValue.Percentage), "percentage"),
                new JsonDerivedType(typeof(ClaimValue.DateValue), "date"),
                new JsonDerivedType(typeof(ClaimValue.Place), "place"),
                new JsonDerivedType(typeof(ClaimValue.Text), "text"),
                new JsonDerivedType(typeof(ClaimValue.Unreadable), "unreadable"),
            },
        };
    }

    /// <summary>A state's claims as a JSON array (the list has no setter for the serializer to fill).</summary>
    private sealed class ClaimListConverter : JsonConverter<ClaimList>
    {
        public override ClaimList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            [.. JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<ClaimRecord[]>)options.GetTypeInfo(typeof(ClaimRecord[])))!];

        public override void Write(Utf8JsonWriter writer, ClaimList value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<IReadOnlyList<ClaimRecord>>)options.GetTypeInfo(typeof(IReadOnlyList<ClaimRecord>)));
    }

    private sealed class StringIdConverter<T>(Func<string, T> parse, Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }
}
