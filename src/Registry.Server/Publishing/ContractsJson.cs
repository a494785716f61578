using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Registry.Contracts;

namespace Registry.Server.Publishing;

/// <summary>
/// The published messages' JSON metadata, generated at build time, so that MassTransit's serializer does not
/// work them out by reflection. MassTransit's own options (camelCase, its converters, indentation) still
/// decide the JSON: subscribers see the same bytes as before.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ProgramStateChanged))]
[JsonSerializable(typeof(ProgramReportDenied))]
[JsonSerializable(typeof(ProgramClaimCorrected))]
[JsonSerializable(typeof(TreeHeadSigned))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;

internal static class ContractsJson
{
    /// <summary>MassTransit's serializer options are global: the context goes first in their resolvers, once.</summary>
    public static void UseContractsJson(this IBusFactoryConfigurator bus) =>
        bus.ConfigureJsonSerializerOptions(options => WithContracts(options));

    public static JsonSerializerOptions WithContracts(JsonSerializerOptions options)
    {
        if (!options.TypeInfoResolverChain.Contains(ContractsJsonContext.Default))
            options.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default);
        return options;
    }
}
