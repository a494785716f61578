using Google.Protobuf.Reflection;
using Registry.V1;

namespace Registry.Client.Seeding;

/// <summary>
/// The seed file's words for kinds, stages, roles and grades, mapped onto the API's enums. Names match the enum
/// value in upper case where they can (light_tank → LIGHT_TANK); the few that differ are listed here.
/// </summary>
public static class SeedVocabulary
{
    /// <summary>Seed programme kinds spelled differently from the enum.</summary>
    public static readonly IReadOnlyDictionary<string, ProgramKind> KindAliases = new Dictionary<string, ProgramKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["uav"] = ProgramKind.UnmannedAerialVehicle,
        ["ugv"] = ProgramKind.UnmannedGroundVehicle,
    };

    /// <summary>Seed roles the enum lacks, with the nearest role (the original word is kept in the claim's note).</summary>
    public static readonly IReadOnlyDictionary<string, OrganisationRole> RoleAliases = new Dictionary<string, OrganisationRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["main_integrator"] = OrganisationRole.Integrator,
        ["plant_operator"] = OrganisationRole.Operator,
        ["construction_contractor"] = OrganisationRole.Supplier,
    };

    /// <summary>The kind, or OTHER for a kind the API does not name.</summary>
    public static ProgramKind Kind(string kind) =>
        KindAliases.TryGetValue(kind, out var alias) ? alias : EnumValue<ProgramKind>(kind) ?? ProgramKind.Other;

    /// <summary>"ProgramCancelled" → CANCELLED, "ProductionPlanned" → PRODUCTION_PLANNED; null when unknown.</summary>
    public static LifecycleStage? Stage(string claim)
    {
        var name = claim.StartsWith("Program", StringComparison.Ordinal) ? claim["Program".Length..] : claim;
        return EnumValue<LifecycleStage>(PascalToSnake(name));
    }

    /// <summary>The role, and whether it was mapped to a nearest role (null when unknown).</summary>
    public static (OrganisationRole Role, bool Approximated)? Role(string role)
    {
        if (RoleAliases.TryGetValue(role, out var alias))
            return (alias, true);
        return EnumValue<OrganisationRole>(role) is { } exact ? (exact, false) : null;
    }

    public static V1.Certainty Certainty(string? certainty) =>
        certainty is null ? V1.Certainty.Reported : EnumValue<V1.Certainty>(certainty) ?? V1.Certainty.Reported;

    public static V1.SourceType SourceType(string? type) => type is null ? V1.SourceType.News : EnumValue<V1.SourceType>(type) ?? V1.SourceType.News;

    public static DatePrecision Precision(string? precision) =>
        precision is null ? DatePrecision.Unspecified : EnumValue<DatePrecision>(precision) ?? DatePrecision.Unspecified;

    private static TEnum? EnumValue<TEnum>(string name) where TEnum : struct, Enum
    {
        var descriptor = ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>(typeof(TEnum).Name);
        var value = descriptor?.FindValueByName(name.ToUpperInvariant());
        return value is null || value.Number == 0 ? null : (TEnum)Enum.ToObject(typeof(TEnum), value.Number);
    }

    private static string PascalToSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString()));
}
