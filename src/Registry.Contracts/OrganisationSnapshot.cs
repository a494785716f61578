namespace Registry.Contracts;

public sealed record OrganisationSnapshot(string Name, IReadOnlyList<string> Aliases, string Role, string ClaimId);
