using Google.Protobuf.Reflection;

namespace Registry.Server.Tests;

/// <summary>
/// The API's enums are the domain's shifted by one (0 is "unspecified" on the wire) and the mapping relies on
/// it: the same names in the same order, or a value would silently turn into its neighbour.
/// </summary>
public sealed class WireEnumTests
{
    public static TheoryData<Type, EnumDescriptor> Pairs => new()
    {
        { typeof(Domain.ProgramKind), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("ProgramKind") },
        { typeof(Domain.Claims.LifecycleStage), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("LifecycleStage") },
        { typeof(Domain.Claims.OrganisationRole), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("OrganisationRole") },
        { typeof(Domain.Claims.Certainty), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("Certainty") },
        { typeof(Domain.Claims.SourceType), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("SourceType") },
        { typeof(Domain.Claims.Rank), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("Rank") },
        { typeof(Domain.Claims.DatePrecision), V1.ClaimsReflection.Descriptor.FindTypeByName<EnumDescriptor>("DatePrecision") },
        { typeof(Domain.State.ClaimKind), V1.ClaimsReflection.Descriptor.FindTypeByName<MessageDescriptor>("Claim").EnumTypes.Single(e => e.Name == "Kind") },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_domain_value_is_the_wire_value_one_higher_with_the_same_name(Type domain, EnumDescriptor wire)
    {
        var domainNames = Enum.GetNames(domain).Select(n => n.ToUpperInvariant());
        var wireNames = wire.Values.Where(v => v.Number > 0).OrderBy(v => v.Number).Select(v => v.Name.Replace("_", "", StringComparison.Ordinal));

        Assert.Equal(domainNames, wireNames);
        Assert.Equal(Enumerable.Range(1, Enum.GetValues(domain).Length), wire.Values.Where(v => v.Number > 0).Select(v => v.Number).Order());
    }
}
