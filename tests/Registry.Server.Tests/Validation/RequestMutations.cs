using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Registry.Server.Tests.Validation;

/// <summary>
/// Every way of changing one field of a request, found through the message's own descriptor (so a field added
/// to the .proto is changed too): each string, number and enum set to values on both sides of every limit the
/// validators know (lengths, codes, numbers, dates), messages cleared or emptied, lists emptied or grown.
/// </summary>
internal static class RequestMutations
{
    private static readonly int[] Lengths = [39, 40, 41, 63, 64, 65, 79, 80, 81, 99, 100, 101, 199, 200, 201, 499, 500, 501, 999, 1000, 1001, 3999, 4000, 4001];

    private static readonly string[] Strings =
    [
        "", " ", "\t", "   ", "a", "A", "x", "0", "_x", "-ab", "ab-", "a-b", "x.y_z-1", "calibre-120", "kz-tulpar", "kz", "Kz-tulpar",
        "turret_calibre", "Turret_calibre", "turret calibre",
        "en", "kk", "e", "EN", "en-GB", "zh-Hant-TW", "en-", "en-a", "eng-123456789",
        "KZ", "TR", "K", "KZ\n", "KZT", "USD", "kzt", "KZTT",
        "B", "F", "G", "AB", "b", "B\n",
        "https://example.org/x", "http://example.org", "HTTPS://example.org", "ftp://example.org", "example.org", "https://", "/relative", "mailto:a@b.c",
        "120", "100", "100.0", "100.5", "150", "-1", "-0", "5.5", ".5", "5.", "1e3", " 5", "5 ", "13,5", "five", "+5", "0.000", "79228162514264337593543950336",
        .. Lengths.Select(n => new string('a', n)),
        .. new[] { 1999, 2000, 2001 }.Select(n => "https://e.org/" + new string('a', n - 14)),
    ];

    private static readonly int[] Ints =
        [0, 1, -1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 28, 29, 30, 31, 32, 1799, 1800, 2023, 2024, 2025, 2200, 2201, 9999, 10000, int.MaxValue, int.MinValue];

    private static readonly long?[] Versions = [null, -1, 0, 1, 7, long.MaxValue, long.MinValue];

    private static readonly int[] ListSizes = [1, 19, 20, 21, 99, 100, 101];

    /// <summary>Each change applies to a copy of <paramref name="request"/>; one whose field a previous change removed does nothing.</summary>
    public static IReadOnlyList<Action<IMessage>> EveryChange(IMessage request) => [.. Changes(request, root => root)];

    private static IEnumerable<Action<IMessage>> Changes(IMessage message, Func<IMessage, IMessage?> locate)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var accessor = field.Accessor;
            Action<IMessage> Set(object? value) => root =>
            {
                if (locate(root) is { } target)
                    accessor.SetValue(target, value);
            };

            if (field.IsRepeated)
            {
                foreach (var change in ListChanges(field, (IList)accessor.GetValue(message), root => locate(root) is { } m ? (IList)accessor.GetValue(m) : null))
                    yield return change;
            }
            else if (field.FieldType == FieldType.Message && field.MessageType.FullName == "google.protobuf.Int64Value")
            {
                foreach (var version in Versions)
                    yield return Set(version);
            }
            else if (field.FieldType == FieldType.Message)
            {
                yield return root =>
                {
                    if (locate(root) is { } target)
                        accessor.Clear(target);
                };
                yield return Set(field.MessageType.Parser.ParseFrom(ByteString.Empty));
                if (accessor.GetValue(message) is IMessage child)
                {
                    foreach (var change in Changes(child, root => locate(root) is { } m ? accessor.GetValue(m) as IMessage : null))
                        yield return change;
                }
            }
            else
            {
                foreach (var value in Values(field))
                    yield return Set(value);
            }
        }
    }

    private static IEnumerable<Action<IMessage>> ListChanges(FieldDescriptor field, IList list, Func<IMessage, IList?> locate)
    {
        yield return root => locate(root)?.Clear();
        var element = list.Count > 0 ? list[0] : field.FieldType == FieldType.Message ? field.MessageType.Parser.ParseFrom(ByteString.Empty) : "a";
        foreach (var size in ListSizes)
        {
            yield return root =>
            {
                for (var i = 0; i < size && locate(root) is { } target; i++)
                    target.Add(element is IMessage m ? m.Descriptor.Parser.ParseFrom(m.ToByteString()) : element);
            };
        }
        for (var index = 0; index < list.Count; index++)
        {
            var at = index;
            var changes = list[at] is IMessage nested
                ? Changes(nested, root => locate(root) is { } l && l.Count > at ? l[at] as IMessage : null)
                : Values(field).Select(value => (Action<IMessage>)(root =>
                {
                    if (locate(root) is { } l && l.Count > at)
                        l[at] = value;
                }));
            foreach (var change in changes)
                yield return change;
        }
    }

    private static IEnumerable<object> Values(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => Strings,
        FieldType.Bool => [false, true],
        FieldType.Enum => field.EnumType.Values.Select(v => v.Number).Append(-1).Append(99).Cast<object>(),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Ints.Cast<object>(),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Ints.Select(i => (object)(long)i),
        _ => throw new NotSupportedException($"No values for {field.FullName} ({field.FieldType})."),
    };
}
