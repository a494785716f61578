namespace Registry.Domain.State;

public enum ClaimKind
{
    Lifecycle,
    Attribute,
    OrganisationRole,
    Denial,
}
