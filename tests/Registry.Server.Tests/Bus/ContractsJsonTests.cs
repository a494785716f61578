using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MassTransit.Serialization;
using Registry.Contracts;
using Registry.Server.Publishing;

namespace Registry.Server.Tests.Bus;

/// <summary>
/// The published messages are serialized from generated metadata, into exactly the JSON that MassTransit's
/// reflection-based serializer wrote before (what subscribers parse), and read back whole.
/// </summary>
public sealed class ContractsJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(5));

    public static TheoryData<object> Messages() =>
    [
        new ProgramStateChanged("kz-tank", 7, 1234, 1230, Guid.Parse("0e6bb0a1-8f53-5d52-9a62-0c7e2b81a0f1"), "AttributeReported.v1", At,
            new ProgramSnapshot("Лёгкий танк \"Barys\" <8x8> & co", "LightTank", "KZ", "InProduction",
                [
                    new AttributeSnapshot("turret_calibre", new ValueSnapshot("c1", "120 mm", "Defence Blog", "B2", false, "Preferred"), true,
                        [new ValueSnapshot("c1", "120 mm", "Defence Blog", "B2", false, "Preferred"), new ValueSnapshot("c2", "105 mm", "Қазақ газеті", "F3", true, "Normal")]),
                    new AttributeSnapshot("planned_quantity", new ValueSnapshot("c3", "200 pcs", "MoD", "A1", false, "Normal"), false, []),
                ],
                [new OrganisationSnapshot("Kazakhstan Paramount Engineering", ["KPE", "Paramount"], "Manufacturer", "o1")])),
        new ProgramReportDenied("kz-tank", 3, 99, 98, Guid.NewGuid(), At, "denial-1", ["c1", "c2"], "Ministry of Defence", "No such turret.\nNone.",
            "MoD", null, "A1"),
        new ProgramClaimCorrected("kz-tank", 4, 100, 100, Guid.NewGuid(), At, "Superseded", "c2", "operator@example.org", "unit misread", null, "c4"),
        new TreeHeadSigned(1000, "q83vEjRW", 1_773_000_000_000, ulong.MaxValue, 0, "sha256:ab", "MEUCIQ=="),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_generated_metadata_writes_the_json_reflection_wrote_and_reads_it_back(object message)
    {
        var reflection = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options);
        reflection.TypeInfoResolverChain.Remove(ContractsJsonContext.Default);
        var generated = ContractsJson.WithContracts(new JsonSerializerOptions(reflection));

        var expected = JsonSerializer.Serialize(message, message.GetType(), reflection);
        var written = JsonSerializer.Serialize(message, message.GetType(), generated);
        var read = JsonSerializer.Deserialize(written, message.GetType(), generated);

        Assert.Same(ContractsJsonContext.Default, generated.GetTypeInfo(message.GetType()).OriginatingResolver);
        Assert.IsNotType<ContractsJsonContext>(reflection.GetTypeInfo(message.GetType()).OriginatingResolver);
        Assert.Equal(expected, written);
        Assert.Equal(expected, JsonSerializer.Serialize(read, message.GetType(), reflection));
    }
}
