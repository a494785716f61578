namespace Registry.Server.Auth;

/// <summary>
/// The registry's roles. A role carries the ones it builds on: an auditor reads, an editor reads (to send
/// expected versions), an operator edits; an admin runs the registry but reads nothing by that role alone.
/// </summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Auditor = "auditor";
    public const string Editor = "editor";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Auditor, Editor, Operator, Admin];

    private static readonly Dictionary<string, string[]> Implied = new(StringComparer.Ordinal)
    {
        [Reader] = [Reader],
        [Auditor] = [Auditor, Reader],
        [Editor] = [Editor, Reader],
        [Operator] = [Operator, Editor, Reader],
        [Admin] = [Admin],
    };

    public static bool IsKnown(string role) => Implied.ContainsKey(role);

    /// <summary>The roles granted with their implied ones; unknown names are dropped (a token may carry other services' roles).</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> granted) =>
        granted.Where(IsKnown).SelectMany(role => Implied[role]).ToHashSet(StringComparer.Ordinal);

    /// <summary>"reader, editor" as configuration writes it.</summary>
    public static IReadOnlyList<string> ParseList(string? text) =>
        (text ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
