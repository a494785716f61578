using System.Text.RegularExpressions;

namespace Registry.Domain;

/// <summary>A programme's stable id: lower-case letters, digits and '-', 3 to 80 characters (e.g. kz-tulpar-light-tank).</summary>
public readonly partial record struct ProgramId
{
    private ProgramId(string value) => Value = value;

    public string Value { get; }

    public string Stream => "program-" + Value;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static ProgramId Parse(string value) =>
        IsValid(value) ? new ProgramId(value) : throw new ArgumentException($"'{value}' is not a programme id.", nameof(value));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")]
    private static partial Regex Pattern();
}
