namespace Registry.Contracts;

/// <summary>One claimed value in words ("120 mm"), with the claim, its source and grading, and its fate.</summary>
public sealed record ValueSnapshot(string ClaimId, string Value, string Outlet, string Grade, bool Denied, string Rank);
