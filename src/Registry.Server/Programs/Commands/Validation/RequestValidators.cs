using FluentValidation;
using Registry.V1;

namespace Registry.Server.Programs.Commands.Validation;

/// <summary>The envelope every command request shares: command id, programme id, expected version.</summary>
internal abstract class CommandRequestValidator<T> : AbstractValidator<T> where T : IProgramCommandRequest
{
    protected CommandRequestValidator()
    {
        RuleFor(r => r.CommandId).CommandId();
        RuleFor(r => r.ProgramId).ProgramIdText();
        RuleFor(r => r.ExpectedVersion).GreaterThanOrEqualTo(0).When(r => r.ExpectedVersion is not null);
    }
}

internal sealed class AnnounceProgramValidator : CommandRequestValidator<AnnounceProgramRequest>
{
    public AnnounceProgramValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(r => r.Kind).Known();
        RuleFor(r => r.Country).Matches("^[A-Z]{2}$").WithMessage("must be an ISO 3166-1 alpha-2 code such as KZ");
        RuleFor(r => r.ValidTime).SetValidator(new PartialDateValidator()!).When(r => r.ValidTime is not null);
        RuleFor(r => r.Certainty).Known();
        RuleFor(r => r.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(r => r.Note).MaximumLength(Fields.LongText);
    }
}

internal sealed class ReportClaimValidator : CommandRequestValidator<ReportClaimRequest>
{
    public ReportClaimValidator()
    {
        RuleFor(r => r.ClaimCase).NotEqual(ReportClaimRequest.ClaimOneofCase.None).WithMessage("must hold a lifecycle, attribute or organisation_role claim");
        RuleFor(r => r.Lifecycle).SetValidator(new LifecycleClaimValidator()).When(r => r.ClaimCase == ReportClaimRequest.ClaimOneofCase.Lifecycle);
        RuleFor(r => r.Attribute).SetValidator(new AttributeClaimValidator()).When(r => r.ClaimCase == ReportClaimRequest.ClaimOneofCase.Attribute);
        RuleFor(r => r.OrganisationRole).SetValidator(new OrganisationRoleClaimValidator())
            .When(r => r.ClaimCase == ReportClaimRequest.ClaimOneofCase.OrganisationRole);
    }
}

internal sealed class StartProductionValidator : CommandRequestValidator<StartProductionRequest>
{
    public StartProductionValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.ValidTime).SetValidator(new PartialDateValidator()!).When(r => r.ValidTime is not null);
        RuleFor(r => r.Certainty).Known();
        RuleFor(r => r.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(r => r.Note).MaximumLength(Fields.LongText);
    }
}

internal sealed class DenyReportValidator : CommandRequestValidator<DenyReportRequest>
{
    public DenyReportValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Denies).NotEmpty().WithMessage("must name at least one denied claim").Must(d => d.Count <= 100);
        RuleForEach(r => r.Denies).ClaimIdText();
        RuleFor(r => r.DeniedBy).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(r => r.Statement).NotEmpty().MaximumLength(Fields.LongText);
        RuleFor(r => r.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(r => r.Note).MaximumLength(Fields.LongText);
    }
}

internal sealed class RankClaimValidator : CommandRequestValidator<RankClaimRequest>
{
    public RankClaimValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Rank).Known();
        RuleFor(r => r.Reason).Reason();
    }
}

internal sealed class RetractClaimValidator : CommandRequestValidator<RetractClaimRequest>
{
    public RetractClaimValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Reason).Reason();
    }
}

internal sealed class SupersedeClaimValidator : CommandRequestValidator<SupersedeClaimRequest>
{
    public SupersedeClaimValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Reason).Reason();
        RuleFor(r => r.ReplacementCase).NotEqual(SupersedeClaimRequest.ReplacementOneofCase.None).WithMessage("must hold the corrected claim");
        RuleFor(r => r.Lifecycle).SetValidator(new LifecycleClaimValidator()).When(r => r.ReplacementCase == SupersedeClaimRequest.ReplacementOneofCase.Lifecycle);
        RuleFor(r => r.Attribute).SetValidator(new AttributeClaimValidator()).When(r => r.ReplacementCase == SupersedeClaimRequest.ReplacementOneofCase.Attribute);
        RuleFor(r => r.OrganisationRole).SetValidator(new OrganisationRoleClaimValidator())
            .When(r => r.ReplacementCase == SupersedeClaimRequest.ReplacementOneofCase.OrganisationRole);
    }
}
