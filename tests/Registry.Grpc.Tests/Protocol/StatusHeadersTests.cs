using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Registry.Grpc.Protocol;

using Registry.Testing;

namespace Registry.Grpc.Tests.Protocol;

public class StatusHeadersTests
{
    [Fact]
    public void Ok_without_detail_is_just_grpc_status_zero()
    {
        var headers = StatusHeaderPairs.Of(Status.Ok, null);

        Assert.Equal([new KeyValuePair<string, string>("grpc-status", "0")], headers);
    }

    [Fact]
    public void Status_message_and_details_round_trip()
    {
        var details = new Google.Rpc.Status { Code = 3, Message = "bad" };
        details.Details.Add(Any.Pack(new Google.Rpc.ErrorInfo { Reason = "WHY", Domain = "registry" }));
        var status = new Status(StatusCode.InvalidArgument, "Ошибка: ünïcödé ✓ 100%");

        var headers = StatusHeaderPairs.Of(status, details).ToDictionary();
        var decoded = StatusHeaders.Decode(headers.GetValueOrDefault);

        Assert.Equal("3", headers["grpc-status"]);
        Assert.DoesNotContain(headers["grpc-message"], c => c > 0x7E);
        Assert.DoesNotContain('=', headers["grpc-status-details-bin"]);
        Assert.NotNull(decoded);
        Assert.Equal(status, decoded.Value.Status);
        Assert.Equal(details, decoded.Value.Details);
    }

    [Fact]
    public void Absent_grpc_status_decodes_to_null()
    {
        Assert.Null(StatusHeaders.Decode(_ => null));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    public void Unparsable_grpc_status_is_unknown(string value)
    {
        var decoded = StatusHeaders.Decode(name => name == "grpc-status" ? value : null);

        Assert.Equal(StatusCode.Unknown, decoded!.Value.Status.Code);
    }

    [Fact]
    public void Undecodable_details_are_dropped_but_the_status_kept()
    {
        var headers = new Dictionary<string, string>
        {
            ["grpc-status"] = "5",
            ["grpc-message"] = "missing",
            ["grpc-status-details-bin"] = Base64Metadata.Encode([0xFF, 0xFF, 0xFF]),
        };

        var decoded = StatusHeaders.Decode(headers.GetValueOrDefault);

        Assert.Equal(new Status(StatusCode.NotFound, "missing"), decoded!.Value.Status);
        Assert.Null(decoded.Value.Details);
    }

    [Fact]
    public void Details_round_trip_through_their_wire_bytes()
    {
        var details = new Google.Rpc.Status { Code = 9, Message = "m" };
        var encoded = StatusHeaderPairs.Of(new Status(StatusCode.FailedPrecondition, "m"), details).ToDictionary();

        Assert.Equal(details.ToByteArray(), Base64Metadata.Decode(encoded["grpc-status-details-bin"]));
    }
}
