using FluentValidation;
using Google.Protobuf.Collections;
using Registry.V1;

namespace Registry.Server.Programs.Commands.Validation;

// FluentValidation's rules and the quick Accepts pass side by side, as in ValueValidators.cs.

internal sealed class LifecycleClaimValidator : AbstractValidator<LifecycleClaim>
{
    public LifecycleClaimValidator()
    {
        RuleFor(c => c.ClaimId).ClaimIdText();
        RuleFor(c => c.Stage).Known().NotEqual(LifecycleStage.Announced).WithMessage("ANNOUNCED is recorded with AnnounceProgram");
        RuleFor(c => c.ValidTime).SetValidator(new PartialDateValidator()!).When(c => c.ValidTime is not null);
        RuleFor(c => c.Value).SetValidator(new ClaimValueValidator()!).When(c => c.Value is not null);
        RuleFor(c => c.Certainty).Known();
        RuleFor(c => c.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(c => c.Note).MaximumLength(Fields.LongText);
    }

    public static bool Accepts(LifecycleClaim c) =>
        Fields.IsClaimId(c.ClaimId) && Fields.IsKnown(c.Stage) && c.Stage != LifecycleStage.Announced &&
        (c.ValidTime is null || PartialDateValidator.Accepts(c.ValidTime)) && (c.Value is null || ClaimValueValidator.Accepts(c.Value)) &&
        Fields.IsKnown(c.Certainty) && ProvenanceValidator.Accepts(c.Provenance) && c.Note.Length <= Fields.LongText;
}

internal sealed class AttributeClaimValidator : AbstractValidator<AttributeClaim>
{
    public AttributeClaimValidator()
    {
        RuleFor(c => c.ClaimId).ClaimIdText();
        RuleFor(c => c.Attribute).Matches(Fields.SnakeCase()).WithMessage("must be snake_case, e.g. turret_calibre");
        RuleFor(c => c.Value).NotNull().SetValidator(new ClaimValueValidator()!);
        RuleFor(c => c.ValidTime).SetValidator(new PartialDateValidator()!).When(c => c.ValidTime is not null);
        RuleFor(c => c.Certainty).Known();
        RuleFor(c => c.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(c => c.Note).MaximumLength(Fields.LongText);
    }

    public static bool Accepts(AttributeClaim c) =>
        Fields.IsClaimId(c.ClaimId) && Fields.SnakeCase().IsMatch(c.Attribute) &&
        c.Value is not null && ClaimValueValidator.Accepts(c.Value) && (c.ValidTime is null || PartialDateValidator.Accepts(c.ValidTime)) &&
        Fields.IsKnown(c.Certainty) && ProvenanceValidator.Accepts(c.Provenance) && c.Note.Length <= Fields.LongText;
}

internal sealed class OrganisationRoleClaimValidator : AbstractValidator<OrganisationRoleClaim>
{
    public OrganisationRoleClaimValidator()
    {
        RuleFor(c => c.ClaimId).ClaimIdText();
        RuleFor(c => c.Organisation).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(c => c.Aliases).Must(a => a.Count <= 20).WithMessage("may list at most 20 aliases");
        RuleForEach(c => c.Aliases).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(c => c.OrganisationCountry).Matches(Fields.CountryCodeOrEmpty()).WithMessage("must be an ISO 3166-1 alpha-2 code or empty");
        RuleFor(c => c.Role).Known();
        RuleFor(c => c.Certainty).Known();
        RuleFor(c => c.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(c => c.Note).MaximumLength(Fields.LongText);
    }

    public static bool Accepts(OrganisationRoleClaim c) =>
        Fields.IsClaimId(c.ClaimId) && Fields.Required(c.Organisation, Fields.ShortText) &&
        c.Aliases.Count <= 20 && AllAliases(c.Aliases) && Fields.CountryCodeOrEmpty().IsMatch(c.OrganisationCountry) &&
        Fields.IsKnown(c.Role) && Fields.IsKnown(c.Certainty) && ProvenanceValidator.Accepts(c.Provenance) && c.Note.Length <= Fields.LongText;

    private static bool AllAliases(RepeatedField<string> aliases)
    {
        for (var i = 0; i < aliases.Count; i++)
        {
            if (!Fields.Required(aliases[i], Fields.ShortText))
                return false;
        }
        return true;
    }
}
