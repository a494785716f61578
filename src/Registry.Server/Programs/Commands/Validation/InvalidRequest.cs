using System.Text;
using FluentValidation.Results;
using Registry.Server.Rpc;

namespace Registry.Server.Programs.Commands.Validation;

internal static class InvalidRequest
{
    /// <summary>INVALID_ARGUMENT with a google.rpc.BadRequest naming every bad field by its .proto path.</summary>
    public static InvalidRequestException From(ValidationResult result) => new(
        $"Invalid field(s): {string.Join(", ", result.Errors.Select(e => FieldPath(e.PropertyName)).Distinct())}.",
        [.. result.Errors.Select(e => new FieldViolation(FieldPath(e.PropertyName), e.ErrorMessage))]);

    /// <summary>"Provenance.SourceType" becomes "provenance.source_type", as the field is named in the .proto.</summary>
    public static string FieldPath(string property)
    {
        var builder = new StringBuilder(property.Length + 8);
        for (var i = 0; i < property.Length; i++)
        {
            var c = property[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && property[i - 1] is not ('.' or '['))
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
