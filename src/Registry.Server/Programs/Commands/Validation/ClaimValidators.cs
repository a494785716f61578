using FluentValidation;
using Registry.V1;

namespace Registry.Server.Programs.Commands.Validation;

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
}

internal sealed class AttributeClaimValidator : AbstractValidator<AttributeClaim>
{
    public AttributeClaimValidator()
    {
        RuleFor(c => c.ClaimId).ClaimIdText();
        RuleFor(c => c.Attribute).Matches("^[a-z][a-z0-9_]{0,63}$").WithMessage("must be snake_case, e.g. turret_calibre");
        RuleFor(c => c.Value).NotNull().SetValidator(new ClaimValueValidator()!);
        RuleFor(c => c.ValidTime).SetValidator(new PartialDateValidator()!).When(c => c.ValidTime is not null);
        RuleFor(c => c.Certainty).Known();
        RuleFor(c => c.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(c => c.Note).MaximumLength(Fields.LongText);
    }
}

internal sealed class OrganisationRoleClaimValidator : AbstractValidator<OrganisationRoleClaim>
{
    public OrganisationRoleClaimValidator()
    {
        RuleFor(c => c.ClaimId).ClaimIdText();
        RuleFor(c => c.Organisation).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(c => c.Aliases).Must(a => a.Count <= 20).WithMessage("may list at most 20 aliases");
        RuleForEach(c => c.Aliases).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(c => c.OrganisationCountry).Matches("^([A-Z]{2})?$").WithMessage("must be an ISO 3166-1 alpha-2 code or empty");
        RuleFor(c => c.Role).Known();
        RuleFor(c => c.Certainty).Known();
        RuleFor(c => c.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(c => c.Note).MaximumLength(Fields.LongText);
    }
}
