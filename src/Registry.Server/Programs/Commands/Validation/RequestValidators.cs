using FluentValidation;
using FluentValidation.Results;
using Google.Protobuf.Collections;
using Registry.V1;

namespace Registry.Server.Programs.Commands.Validation;

// FluentValidation's rules and the quick Accepts pass side by side, as in ValueValidators.cs.

/// <summary>The envelope every command request shares: command id, programme id, expected version.</summary>
internal abstract class CommandRequestValidator<T> : AbstractValidator<T> where T : IProgramCommandRequest
{
    protected CommandRequestValidator()
    {
        RuleFor(r => r.CommandId).CommandId();
        RuleFor(r => r.ProgramId).ProgramIdText();
        RuleFor(r => r.ExpectedVersion).GreaterThanOrEqualTo(0).When(r => r.ExpectedVersion is not null);
    }

    /// <summary>
    /// The request's bad fields, or null when it has none. A valid request costs only the quick pass; the rest
    /// get FluentValidation's run, which names each bad field (and has the last word).
    /// </summary>
    public ValidationResult? Failures(T request)
    {
        if (Accepts(request))
            return null;
        var result = Validate(request);
        return result.IsValid ? null : result;
    }

    /// <summary>The quick pass: true exactly when FluentValidation's rules find nothing (ValidationEquivalenceTests).</summary>
    public bool Accepts(T request) =>
        Fields.IsCommandId(request.CommandId) && Fields.IsProgramId(request.ProgramId) && request.ExpectedVersion is null or >= 0 &&
        AcceptsBody(request);

    /// <summary>Everything past the envelope.</summary>
    protected abstract bool AcceptsBody(T request);
}

internal sealed class AnnounceProgramValidator : CommandRequestValidator<AnnounceProgramRequest>
{
    public AnnounceProgramValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Fields.ShortText);
        RuleFor(r => r.Kind).Known();
        RuleFor(r => r.Country).Matches(Fields.CountryCode()).WithMessage("must be an ISO 3166-1 alpha-2 code such as KZ");
        RuleFor(r => r.ValidTime).SetValidator(new PartialDateValidator()!).When(r => r.ValidTime is not null);
        RuleFor(r => r.Certainty).Known();
        RuleFor(r => r.Provenance).NotNull().SetValidator(new ProvenanceValidator()!);
        RuleFor(r => r.Note).MaximumLength(Fields.LongText);
    }

    protected override bool AcceptsBody(AnnounceProgramRequest r) =>
        Fields.IsClaimId(r.ClaimId) && Fields.Required(r.Name, Fields.ShortText) && Fields.IsKnown(r.Kind) && Fields.CountryCode().IsMatch(r.Country) &&
        (r.ValidTime is null || PartialDateValidator.Accepts(r.ValidTime)) && Fields.IsKnown(r.Certainty) && ProvenanceValidator.Accepts(r.Provenance) &&
        r.Note.Length <= Fields.LongText;
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

    protected override bool AcceptsBody(ReportClaimRequest r) => r.ClaimCase switch
    {
        ReportClaimRequest.ClaimOneofCase.Lifecycle => LifecycleClaimValidator.Accepts(r.Lifecycle),
        ReportClaimRequest.ClaimOneofCase.Attribute => AttributeClaimValidator.Accepts(r.Attribute),
        ReportClaimRequest.ClaimOneofCase.OrganisationRole => OrganisationRoleClaimValidator.Accepts(r.OrganisationRole),
        _ => false,
    };
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

    protected override bool AcceptsBody(StartProductionRequest r) =>
        Fields.IsClaimId(r.ClaimId) && (r.ValidTime is null || PartialDateValidator.Accepts(r.ValidTime)) && Fields.IsKnown(r.Certainty) &&
        ProvenanceValidator.Accepts(r.Provenance) && r.Note.Length <= Fields.LongText;
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

    protected override bool AcceptsBody(DenyReportRequest r) =>
        Fields.IsClaimId(r.ClaimId) && r.Denies.Count is > 0 and <= 100 && AllClaimIds(r.Denies) && Fields.Required(r.DeniedBy, Fields.ShortText) &&
        Fields.Required(r.Statement, Fields.LongText) && ProvenanceValidator.Accepts(r.Provenance) && r.Note.Length <= Fields.LongText;

    private static bool AllClaimIds(RepeatedField<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!Fields.IsClaimId(ids[i]))
                return false;
        }
        return true;
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

    protected override bool AcceptsBody(RankClaimRequest r) => Fields.IsClaimId(r.ClaimId) && Fields.IsKnown(r.Rank) && Fields.IsReason(r.Reason);
}

internal sealed class RetractClaimValidator : CommandRequestValidator<RetractClaimRequest>
{
    public RetractClaimValidator()
    {
        RuleFor(r => r.ClaimId).ClaimIdText();
        RuleFor(r => r.Reason).Reason();
    }

    protected override bool AcceptsBody(RetractClaimRequest r) => Fields.IsClaimId(r.ClaimId) && Fields.IsReason(r.Reason);
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

    protected override bool AcceptsBody(SupersedeClaimRequest r) =>
        Fields.IsClaimId(r.ClaimId) && Fields.IsReason(r.Reason) && r.ReplacementCase switch
        {
            SupersedeClaimRequest.ReplacementOneofCase.Lifecycle => LifecycleClaimValidator.Accepts(r.Lifecycle),
            SupersedeClaimRequest.ReplacementOneofCase.Attribute => AttributeClaimValidator.Accepts(r.Attribute),
            SupersedeClaimRequest.ReplacementOneofCase.OrganisationRole => OrganisationRoleClaimValidator.Accepts(r.OrganisationRole),
            _ => false,
        };
}
