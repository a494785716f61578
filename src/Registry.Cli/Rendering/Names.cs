using System.Text;
using Google.Protobuf.Reflection;
using Registry.Cli;
using Grpc.Core;
using Registry.V1;

namespace Registry.Cli.Rendering;

/// <summary>Enum values as the .proto spells them, lower-cased for people (light_tank, production_planned), and back.</summary>
public static class Names
{
    /// <summary>NotFound → NOT_FOUND, as gRPC documents its codes.</summary>
    public static string Status(StatusCode code)
    {
        var name = code.ToString();
        if (name.All(char.IsUpper))
            return name;
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
                builder.Append('_');
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>The .proto name of any generated enum value, lower-cased: CATCHING_UP → catching_up.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var field = typeof(TEnum).GetField(value.ToString());
        var original = field?.GetCustomAttributes(typeof(OriginalNameAttribute), false).OfType<OriginalNameAttribute>().FirstOrDefault();
        return (original?.Name ?? value.ToString()).ToLowerInvariant();
    }

    /// <summary>"light_tank" or "LIGHT_TANK" → the enum value; an unknown word is a usage error listing the known ones.</summary>
    public static TEnum Parse<TEnum>(string word, string option) where TEnum : struct, Enum
    {
        var descriptor = Descriptor<TEnum>();
        var value = descriptor.FindValueByName(word.Trim().Replace('-', '_').ToUpperInvariant());
        if (value is null || value.Number == 0)
        {
            var known = descriptor.Values.Where(v => v.Number != 0).Select(v => v.Name.ToLowerInvariant());
            throw new UsageException($"{option} '{word}' is not one of: {string.Join(", ", known)}.");
        }
        return (TEnum)Enum.ToObject(typeof(TEnum), value.Number);
    }

    private static EnumDescriptor Descriptor<TEnum>() =>
        ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>(typeof(TEnum).Name)
        ?? throw new InvalidOperationException($"{typeof(TEnum).Name} is not an enum of claims.proto.");
}
