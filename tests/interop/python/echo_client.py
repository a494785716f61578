#!/usr/bin/python3
"""Third-party interop client: drives an Echo server with python3-grpcio and checks every answer.

    /usr/bin/python3 tests/interop/python/echo_client.py --target 127.0.0.1:PORT --case unary
    /usr/bin/python3 tests/interop/python/echo_client.py --list

Each case asserts everything itself. Success: one JSON line of what was observed, exit 0.
Failure: `FAIL <case>: <why>` on stderr, exit 1.
"""
import argparse
import base64
import json
import os
import queue
import sys
import threading
import time
import traceback
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_protos  # noqa: E402

import grpc  # noqa: E402
from google.protobuf import descriptor_pb2, descriptor_pool  # noqa: E402

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
# The client's own limits sit far above the server's 4 MiB, so size cases exercise the server's limits.
CLIENT_LIMIT_BYTES = 64 * 1024 * 1024
NON_ASCII_MESSAGE = "Ошибка: ünïcödé ✓ 100%"
ECHO_BIN = bytes(range(256))

pb = interop_protos.load()
CASES = {}


class CaseFailed(Exception):
    pass


def check(condition, message, *args):
    if not condition:
        raise CaseFailed(message % args if args else message)


def case(fn):
    CASES[fn.__name__.replace("case_", "")] = fn
    return fn


def new_tag(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex)


def expect_error(call, code, what):
    """Runs call(); it must fail with `code`. Returns the grpc.RpcError."""
    try:
        call()
    except grpc.RpcError as error:
        check(error.code() == code, "%s: expected %s, got %s (%r)", what, code, error.code(), error.details())
        return error
    raise CaseFailed("%s: expected %s, but the call succeeded" % (what, code))


def observe(stub, tag):
    started = time.monotonic()
    observation = stub.Observe(pb.echo.ObserveRequest(tag=tag, wait_ms=2000), timeout=10)
    took = time.monotonic() - started
    check(observation.seen, "Observe(%s): the server never saw the call (Observe answered after %.3f s)", tag, took)
    check(observation.cancelled, "Observe(%s): the handler did not see the cancellation (%s)", tag,
          str(observation).replace("\n", " "))
    return {"seen": observation.seen, "finished": observation.finished, "cancelled": observation.cancelled}


def metadata_value(metadata, key):
    values = [m.value for m in metadata or () if m.key == key]
    return values[-1] if values else None


@case
def case_unary(stub, channel):
    reply = stub.Unary(pb.echo.EchoRequest(text="hello", payload=b"\x00\x01\x02"), timeout=10)
    check(reply.text == "hello", "text: %r", reply.text)
    check(reply.payload == b"\x00\x01\x02", "payload: %r", reply.payload)
    check(reply.index == 0, "index: %d", reply.index)
    return {"text": reply.text, "payload_len": len(reply.payload)}


@case
def case_server_stream(stub, channel):
    replies = list(stub.ServerStream(pb.echo.EchoRequest(text="s", count=5), timeout=10))
    check(len(replies) == 5, "expected 5 replies, got %d", len(replies))
    for i, reply in enumerate(replies):
        check(reply.text == "s#%d" % i and reply.index == i, "reply %d: text=%r index=%d", i, reply.text,
              reply.index)
    return {"texts": [r.text for r in replies]}


@case
def case_client_stream(stub, channel):
    requests = [pb.echo.EchoRequest(text="c%d" % i, payload=b"x" * (i * 10)) for i in range(5)]
    reply = stub.ClientStream(iter(requests), timeout=10)
    check(reply.text == "c0,c1,c2,c3,c4", "text: %r", reply.text)
    check(reply.received == 5, "received: %d", reply.received)
    check(reply.received_bytes == 100, "received_bytes: %d", reply.received_bytes)
    return {"text": reply.text, "received": reply.received, "received_bytes": reply.received_bytes}


@case
def case_duplex(stub, channel):
    # Requests are fed one at a time: the next is only written after the previous reply arrived,
    # which proves the server answers each message as it comes rather than after the request stream ends.
    outgoing = queue.Queue()

    def requests():
        while True:
            item = outgoing.get()
            if item is None:
                return
            yield item

    replies = stub.Duplex(requests(), timeout=10)
    seen = []
    for i in range(5):
        outgoing.put(pb.echo.EchoRequest(text="d%d" % i))
        reply = next(replies)
        check(reply.text == "d%d" % i and reply.index == i, "reply %d: text=%r index=%d", i, reply.text,
              reply.index)
        seen.append(reply.text)
    outgoing.put(None)
    rest = list(replies)
    check(not rest, "unexpected extra replies: %r", rest)
    check(replies.code() == grpc.StatusCode.OK, "final status %s", replies.code())
    return {"texts": seen}


@case
def case_error_non_ascii(stub, channel):
    request = pb.echo.EchoRequest(fail_code=9, fail_message=NON_ASCII_MESSAGE)
    error = expect_error(lambda: stub.Unary(request, timeout=10), grpc.StatusCode.FAILED_PRECONDITION, "Unary")
    check(error.details() == NON_ASCII_MESSAGE, "message: expected %r, got %r", NON_ASCII_MESSAGE, error.details())
    return {"code": error.code().name, "message": error.details()}


@case
def case_status_details(stub, channel):
    message = "text is wrong: ✗"
    request = pb.echo.EchoRequest(fail_code=3, fail_message=message, fail_with_details=True)
    error = expect_error(lambda: stub.Unary(request, timeout=10), grpc.StatusCode.INVALID_ARGUMENT, "Unary")
    check(error.details() == message, "message: %r", error.details())
    raw = metadata_value(error.trailing_metadata(), "grpc-status-details-bin")
    check(raw is not None, "no grpc-status-details-bin in trailers: %r", error.trailing_metadata())
    status = pb.status.Status.FromString(raw)
    check(status.code == 3 and status.message == message, "Status: code=%d message=%r", status.code,
          status.message)
    check(len(status.details) == 1, "expected 1 detail, got %d", len(status.details))
    bad_request = pb.error_details.BadRequest()
    check(status.details[0].Unpack(bad_request), "detail is %s, not BadRequest", status.details[0].type_url)
    violations = [(v.field, v.description) for v in bad_request.field_violations]
    expected = [("text", message), ("payload", "payload is wrong too")]
    check(violations == expected, "violations: %r", violations)
    return {"code": status.code, "message": status.message, "type_url": status.details[0].type_url,
            "violations": violations}


@case
def case_metadata(stub, channel):
    sent = (("x-echo-text", "hello"), ("x-echo-data-bin", ECHO_BIN))
    reply, call = stub.Unary.with_call(pb.echo.EchoRequest(text="m"), metadata=sent, timeout=10)
    for where, metadata in (("response headers", call.initial_metadata()),
                            ("trailers", call.trailing_metadata())):
        check(metadata_value(metadata, "x-echo-text") == "hello", "%s: x-echo-text missing or wrong: %r",
              where, metadata)
        check(metadata_value(metadata, "x-echo-data-bin") == ECHO_BIN, "%s: x-echo-data-bin wrong: %r",
              where, metadata_value(metadata, "x-echo-data-bin"))
    expected_map = {"x-echo-text": "hello", "x-echo-data-bin": base64.b64encode(ECHO_BIN).decode("ascii")}
    check(dict(reply.headers) == expected_map, "reply.headers: %r", dict(reply.headers))
    return {"headers": dict(reply.headers)}


@case
def case_deadline(stub, channel):
    tag = new_tag("deadline")
    started = time.monotonic()
    expect_error(lambda: stub.Unary(pb.echo.EchoRequest(delay_ms=3000, tag=tag), timeout=0.3),
                 grpc.StatusCode.DEADLINE_EXCEEDED, "Unary with 300 ms deadline")
    elapsed = time.monotonic() - started
    check(elapsed < 1.5, "DEADLINE_EXCEEDED took %.3f s", elapsed)
    return {"elapsed_s": round(elapsed, 3), "observation": observe(stub, tag)}


@case
def case_cancel(stub, channel):
    tag = new_tag("cancel")
    future = stub.Unary.future(pb.echo.EchoRequest(delay_ms=3000, tag=tag), timeout=10)
    # Cancel only once the handler is running: a cancel before the request left the client proves nothing.
    until_seen(stub, tag)
    check(future.cancel(), "cancel() returned False: the call had already finished (%s)", future.code())
    # grpcio reports a local cancel through code() (result() raises FutureCancelledError instead).
    check(future.code() == grpc.StatusCode.CANCELLED, "cancelled Unary: status %s", future.code())
    return {"observation": observe(stub, tag)}


def until_seen(stub, tag):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if stub.Observe(pb.echo.ObserveRequest(tag=tag, wait_ms=0), timeout=5).seen:
            return
        time.sleep(0.02)
    check(False, "Observe(%s): the call never reached its handler", tag)


def sized_request(encoded_size):
    # Only field 2 is set: 1 tag byte + 4 length bytes (payload >= 2^21) + payload.
    request = pb.echo.EchoRequest(payload=b"p" * (encoded_size - 5))
    check(request.ByteSize() == encoded_size, "built %d bytes, wanted %d", request.ByteSize(), encoded_size)
    return request


@case
def case_size_under_limit(stub, channel):
    request = sized_request(MAX_MESSAGE_BYTES)
    reply = stub.Unary(request, timeout=30)
    check(reply.payload == request.payload, "payload not echoed (%d bytes back)", len(reply.payload))
    return {"request_bytes": request.ByteSize(), "reply_bytes": reply.ByteSize()}


@case
def case_size_over_limit(stub, channel):
    request = sized_request(MAX_MESSAGE_BYTES + 1)
    error = expect_error(lambda: stub.Unary(request, timeout=30), grpc.StatusCode.RESOURCE_EXHAUSTED,
                         "Unary with a 4 MiB + 1 request")
    return {"request_bytes": request.ByteSize(), "code": error.code().name, "message": error.details()}


@case
def case_reply_over_limit(stub, channel):
    error = expect_error(lambda: stub.Unary(pb.echo.EchoRequest(reply_size=MAX_MESSAGE_BYTES), timeout=30),
                         grpc.StatusCode.RESOURCE_EXHAUSTED, "Unary with reply_size 4 MiB")
    # grpcio words its own receive-limit error this way; anything else came from the server.
    local = (error.details() or "").startswith("Received message larger than max")
    return {"code": error.code().name, "message": error.details(),
            "raised_by": "client receive limit" if local else "server"}


@case
def case_unknown_method(stub, channel):
    seen = {}
    for method in ("/registry.interop.v1.Echo/Nope", "/nope.Service/X"):
        call = channel.unary_unary(method, request_serializer=None, response_deserializer=None)
        error = expect_error(lambda: call(b"", timeout=10), grpc.StatusCode.UNIMPLEMENTED, method)
        seen[method] = error.code().name
    return seen


@case
def case_gzip(stub, channel):
    request = pb.echo.EchoRequest(text="zipped", payload=b"z" * 100000)
    reply = stub.Unary(request, timeout=10, compression=grpc.Compression.Gzip)
    check(reply.text == "zipped" and reply.payload == request.payload, "reply differs from request")
    return {"text": reply.text, "payload_len": len(reply.payload)}


@case
def case_health(stub, channel):
    health = pb.health_grpc.HealthStub(channel)
    serving = pb.health.HealthCheckResponse.SERVING
    reply = health.Check(pb.health.HealthCheckRequest(service=""), timeout=10)
    check(reply.status == serving, "Check: status %d", reply.status)
    watch = health.Watch(pb.health.HealthCheckRequest(service=""), timeout=10)
    first = next(watch)
    watch.cancel()
    check(first.status == serving, "Watch: first status %d", first.status)
    return {"check": "SERVING", "watch_first": "SERVING"}


def build_pool(file_protos):
    """Adds FileDescriptorProtos to a fresh pool, each after its dependencies."""
    by_name = {f.name: f for f in file_protos}
    pool, added = descriptor_pool.DescriptorPool(), set()

    def add(name):
        if name in added:
            return
        check(name in by_name, "reflection did not return dependency %s", name)
        for dependency in by_name[name].dependency:
            add(dependency)
        pool.Add(by_name[name])
        added.add(name)

    for name in by_name:
        add(name)
    return pool


@case
def case_reflection(stub, channel):
    r = pb.reflection
    reflection = pb.reflection_grpc.ServerReflectionStub(channel)
    requests = [r.ServerReflectionRequest(list_services=""),
                r.ServerReflectionRequest(file_containing_symbol="registry.interop.v1.Echo"),
                r.ServerReflectionRequest(file_containing_symbol="no.such.Symbol")]
    listing, files, unknown = list(reflection.ServerReflectionInfo(iter(requests), timeout=10))

    services = [s.name for s in listing.list_services_response.service]
    for name in ("registry.interop.v1.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"):
        check(name in services, "list_services lacks %s: %r", name, services)

    check(files.WhichOneof("message_response") == "file_descriptor_response", "file_containing_symbol: %s",
          str(files).replace("\n", " "))
    protos = [descriptor_pb2.FileDescriptorProto.FromString(raw)
              for raw in files.file_descriptor_response.file_descriptor_proto]
    service = build_pool(protos).FindServiceByName("registry.interop.v1.Echo")
    methods = {}
    for method in service.methods:
        as_proto = descriptor_pb2.MethodDescriptorProto()
        method.CopyToProto(as_proto)
        methods[method.name] = [as_proto.client_streaming, as_proto.server_streaming]
    expected = {"Unary": [False, False], "ServerStream": [False, True], "ClientStream": [True, False],
                "Duplex": [True, True], "Observe": [False, False]}
    check(methods == expected, "Echo methods (client_streaming, server_streaming): %r", methods)

    check(unknown.WhichOneof("message_response") == "error_response", "unknown symbol: %s",
          str(unknown).replace("\n", " "))
    check(unknown.error_response.error_code == 5, "unknown symbol: error_code %d",
          unknown.error_response.error_code)
    return {"services": services, "files": [p.name for p in protos], "methods": methods,
            "unknown_symbol_code": unknown.error_response.error_code}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", help="host:port of the Echo server")
    parser.add_argument("--case", choices=sorted(CASES))
    parser.add_argument("--list", action="store_true", help="print the case names and exit")
    args = parser.parse_args()
    if args.list:
        print("\n".join(CASES))
        return 0
    if not args.target or not args.case:
        parser.error("--target and --case are required")

    options = [("grpc.max_receive_message_length", CLIENT_LIMIT_BYTES),
               ("grpc.max_send_message_length", CLIENT_LIMIT_BYTES)]
    with grpc.insecure_channel(args.target, options=options) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=10)
            observed = CASES[args.case](pb.echo_grpc.EchoStub(channel), channel)
        except (CaseFailed, grpc.RpcError, grpc.FutureTimeoutError, StopIteration) as error:
            print("FAIL %s: %s" % (args.case, describe(error)), file=sys.stderr, flush=True)
            return 1
        except Exception:  # noqa: BLE001 - a bug or surprise still has to fail the case loudly
            print("FAIL %s: unexpected exception" % args.case, file=sys.stderr, flush=True)
            traceback.print_exc()
            return 1
    print(json.dumps({"case": args.case, "ok": True, "observed": observed}, ensure_ascii=False), flush=True)
    return 0


def describe(error):
    if isinstance(error, grpc.RpcError) and hasattr(error, "code"):
        return "unexpected RPC error %s: %r" % (error.code(), error.details())
    if isinstance(error, grpc.FutureTimeoutError):
        return "could not connect within 10 s"
    if isinstance(error, StopIteration):
        return "stream ended early"
    return str(error)


if __name__ == "__main__":
    sys.exit(main())
