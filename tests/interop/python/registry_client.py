#!/usr/bin/python3
"""Third-party interop client: drives a running registry's real services with python3-grpcio.

    REGISTRY_API_KEY=<key> REGISTRY_READER_KEY=<key> REGISTRY_TOKEN=<jwt> \
        /usr/bin/python3 tests/interop/python/registry_client.py --target 127.0.0.1:PORT --case NAME
    /usr/bin/python3 tests/interop/python/registry_client.py --list

Credentials come from the environment, never from arguments (they would show in the process list):
REGISTRY_API_KEY holds every role, REGISTRY_READER_KEY only `reader`, REGISTRY_TOKEN is a bearer token
holding every role. Each case asserts everything itself. Success: one JSON line of what was observed, exit 0.
Failure: `FAIL <case>: <why>` on stderr, exit 1. tests/interop/node/registry_client.js has the same cases.
"""
import argparse
import json
import os
import sys
import time
import traceback
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registry_protos  # noqa: E402

import grpc  # noqa: E402

# The client's own limits sit far above the server's 4 MiB, so the size case exercises the server's limit.
CLIENT_LIMIT_BYTES = 64 * 1024 * 1024
SERVER_LIMIT_BYTES = 4 * 1024 * 1024
CALL_TIMEOUT_S = 10
# More sequential watches than the server's cap (100): a slot not given back on cancel would show.
WATCH_CYCLES = 120
NON_ASCII_NAME = "Тұлпар жеңіл танкі — «ünïcödé» ✓ 100%"
SERVICES = ["registry.v1.ProgramCommands", "registry.v1.ProgramQueries", "registry.v1.Admin", "grpc.health.v1.Health"]
HEALTH_SERVICES = ["", "registry.projections", "registry.publishing"]
# The .proto paths the server names for the bad ReportClaim of the invalid_argument case.
BAD_FIELDS = ["attribute.attribute", "attribute.provenance.credibility", "attribute.value", "command_id", "program_id"]

pb = registry_protos.load()
CASES = {}


class CaseFailed(Exception):
    pass


def check(condition, message, *args):
    if not condition:
        raise CaseFailed(message % args if args else message)


def case(fn):
    CASES[fn.__name__.replace("case_", "")] = fn
    return fn


def env(name):
    value = os.environ.get(name)
    check(bool(value), "environment variable %s is not set", name)
    return value


def api_key():
    return [("x-api-key", env("REGISTRY_API_KEY"))]


def reader_key():
    return [("x-api-key", env("REGISTRY_READER_KEY"))]


def bearer():
    return [("authorization", "Bearer " + env("REGISTRY_TOKEN"))]


def expect_error(call, code, what):
    """Runs call(); it must fail with `code`. Returns the grpc.RpcError."""
    try:
        call()
    except grpc.RpcError as error:
        check(error.code() == code, "%s: expected %s, got %s (%r)", what, code, error.code(), error.details())
        return error
    raise CaseFailed("%s: expected %s, but the call succeeded" % (what, code))


def metadata_value(metadata, key):
    values = [m.value for m in metadata or () if m.key == key]
    return values[-1] if values else None


def new_program_id():
    return "kz-py-" + uuid.uuid4().hex[:12]


def command_id():
    return "py-" + uuid.uuid4().hex


def provenance(outlet="Kazinform", quote="The programme was announced today."):
    c = pb.claims
    return c.Provenance(outlet=outlet, url="https://kazinform.example/a/1", title="On the programme",
                        published=c.PartialDate(year=2024, month=5, day=14, precision=c.DAY), language="en",
                        source_type=c.NEWS, reliability="B", credibility=2, quote=quote)


def announce(program_id, name="Tulpar light tank"):
    c = pb.claims
    return pb.commands.AnnounceProgramRequest(
        command_id=command_id(), program_id=program_id, claim_id="announced", name=name, kind=c.LIGHT_TANK,
        country="KZ", certainty=c.REPORTED, provenance=provenance())


def calibre_report(program_id, claim_id="calibre-120", mm="120"):
    c = pb.claims
    claim = pb.commands.AttributeClaim(
        claim_id=claim_id, attribute="turret_calibre", value=c.ClaimValue(quantity=c.Quantity(amount=mm, unit="mm")),
        certainty=c.REPORTED, provenance=provenance("Defense News", "The turret carries a %s mm gun." % mm))
    return pb.commands.ReportClaimRequest(command_id=command_id(), program_id=program_id, attribute=claim)


def stubs(channel):
    return pb.commands_grpc.ProgramCommandsStub(channel), pb.queries_grpc.ProgramQueriesStub(channel)


def still_serving(channel):
    """A further authenticated call succeeds: whatever the case did, the server goes on serving."""
    listing = pb.queries_grpc.ProgramQueriesStub(channel).ListPrograms(
        pb.queries.ListProgramsRequest(page_size=1), timeout=CALL_TIMEOUT_S, metadata=api_key())
    return len(listing.programs)


def commands_and_queries(channel, credential):
    commands, queries = stubs(channel)
    program_id = new_program_id()
    announced = commands.AnnounceProgram(announce(program_id), timeout=CALL_TIMEOUT_S, metadata=credential)
    check(announced.version == 0 and not announced.repeated, "announce: %s", announced)
    reported = commands.ReportClaim(calibre_report(program_id), timeout=CALL_TIMEOUT_S, metadata=credential)
    check(reported.version == 1 and len(reported.event_ids) == 1, "report: %s", reported)

    # min_position: read-your-writes, so the read model has applied the report before it answers.
    program = queries.GetProgram(pb.queries.GetProgramRequest(program_id=program_id, min_position=reported.position),
                                 timeout=CALL_TIMEOUT_S, metadata=credential)
    check(program.id == program_id and program.version == 1, "GetProgram: %s", program)
    check([a.attribute for a in program.attributes] == ["turret_calibre"], "attributes: %s", program.attributes)
    check(program.attributes[0].best.value.quantity.amount == "120", "best: %s", program.attributes[0].best)

    listing = queries.ListPrograms(pb.queries.ListProgramsRequest(country="KZ", page_size=500, min_position=reported.position),
                                   timeout=CALL_TIMEOUT_S, metadata=credential)
    listed = [p for p in listing.programs if p.id == program_id]
    check(len(listed) == 1 and listed[0].version == 1, "ListPrograms lacks %s at version 1", program_id)

    history = list(queries.GetProgramHistory(pb.queries.GetProgramHistoryRequest(program_id=program_id),
                                             timeout=CALL_TIMEOUT_S, metadata=credential))
    check([e.type for e in history] == ["ProgramAnnounced.v1", "AttributeReported.v1"], "history: %s",
          [e.type for e in history])
    check([e.revision for e in history] == [0, 1], "revisions: %s", [e.revision for e in history])
    check(history[1].event_id == reported.event_ids[0], "history event id %s, command said %s", history[1].event_id,
          reported.event_ids[0])
    return {"program": program_id, "version": program.version, "history": [e.type for e in history],
            "actor": history[0].actor}


@case
def case_commands_and_queries_with_key(channel):
    return commands_and_queries(channel, api_key())


@case
def case_commands_and_queries_with_token(channel):
    return commands_and_queries(channel, bearer())


@case
def case_invalid_argument(channel):
    commands, _ = stubs(channel)
    c = pb.claims
    bad_provenance = provenance()
    bad_provenance.credibility = 9
    claim = pb.commands.AttributeClaim(claim_id="calibre-x", attribute="Turret Calibre", certainty=c.REPORTED,
                                       provenance=bad_provenance)
    request = pb.commands.ReportClaimRequest(command_id="", program_id="Not A Programme!", attribute=claim)
    error = expect_error(lambda: commands.ReportClaim(request, timeout=CALL_TIMEOUT_S, metadata=api_key()),
                         grpc.StatusCode.INVALID_ARGUMENT, "ReportClaim")
    raw = metadata_value(error.trailing_metadata(), "grpc-status-details-bin")
    check(raw is not None, "no grpc-status-details-bin in trailers: %r", error.trailing_metadata())
    status = pb.status.Status.FromString(raw)
    check(status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0], "Status.code %d", status.code)
    check(status.message == error.details(), "Status.message %r, grpc-message %r", status.message, error.details())
    bad_request = pb.error_details.BadRequest()
    unpacked = [d for d in status.details if d.Unpack(bad_request)]
    check(len(unpacked) == 1, "no BadRequest among %s", [d.type_url for d in status.details])
    fields = sorted({v.field for v in bad_request.field_violations})
    check(fields == BAD_FIELDS, "violations name %s, expected %s", fields, BAD_FIELDS)
    check(all(v.description for v in bad_request.field_violations), "a violation without a description")
    return {"code": error.code().name, "fields": fields}


@case
def case_unauthenticated(channel):
    commands, queries = stubs(channel)
    listing = expect_error(lambda: queries.ListPrograms(pb.queries.ListProgramsRequest(), timeout=CALL_TIMEOUT_S),
                           grpc.StatusCode.UNAUTHENTICATED, "ListPrograms without a credential")
    expect_error(lambda: commands.AnnounceProgram(announce(new_program_id()), timeout=CALL_TIMEOUT_S),
                 grpc.StatusCode.UNAUTHENTICATED, "AnnounceProgram without a credential")
    token = env("REGISTRY_TOKEN")
    tampered = [("authorization", "Bearer " + token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))]
    expect_error(lambda: queries.ListPrograms(pb.queries.ListProgramsRequest(), timeout=CALL_TIMEOUT_S, metadata=tampered),
                 grpc.StatusCode.UNAUTHENTICATED, "ListPrograms with a token whose signature does not verify")
    return {"code": listing.code().name}


@case
def case_permission_denied(channel):
    commands, queries = stubs(channel)
    program_id = new_program_id()
    commands.AnnounceProgram(announce(program_id), timeout=CALL_TIMEOUT_S, metadata=api_key())
    rank = pb.commands.RankClaimRequest(command_id=command_id(), program_id=program_id, claim_id="announced",
                                        rank=pb.claims.PREFERRED, reason="a reader may not correct")
    error = expect_error(lambda: commands.RankClaim(rank, timeout=CALL_TIMEOUT_S, metadata=reader_key()),
                         grpc.StatusCode.PERMISSION_DENIED, "RankClaim as a reader")
    # The key itself is good: the same reader may read.
    queries.ListPrograms(pb.queries.ListProgramsRequest(page_size=1), timeout=CALL_TIMEOUT_S, metadata=reader_key())
    return {"code": error.code().name}


@case
def case_deadline(channel):
    _, queries = stubs(channel)
    far = pb.claims.LogPosition(commit=1 << 60, prepare=1 << 60)
    request = pb.queries.GetProgramRequest(program_id="kz-never-reached", min_position=far)
    started = time.monotonic()
    expect_error(lambda: queries.GetProgram(request, timeout=0.3, metadata=api_key()),
                 grpc.StatusCode.DEADLINE_EXCEEDED, "GetProgram beyond the head with a 300 ms deadline")
    took = time.monotonic() - started
    check(took < 3, "DEADLINE_EXCEEDED took %.3f s", took)
    return {"seconds": round(took, 3), "listed": still_serving(channel)}


def announced_for_watching(commands, queries):
    """A new programme, and the request to watch it. Read-your-writes first, so that every watch finds the
    programme in its snapshot (no event id), never in the log."""
    program_id = new_program_id()
    announced = commands.AnnounceProgram(announce(program_id), timeout=CALL_TIMEOUT_S, metadata=api_key())
    queries.GetProgram(pb.queries.GetProgramRequest(program_id=program_id, min_position=announced.position),
                       timeout=CALL_TIMEOUT_S, metadata=api_key())
    return program_id, pb.queries.WatchProgramsRequest(program_ids=[program_id])


@case
def case_watch_cancelled(channel):
    commands, queries = stubs(channel)
    program_id, request = announced_for_watching(commands, queries)
    for cycle in range(WATCH_CYCLES):
        watch = queries.WatchPrograms(request, timeout=CALL_TIMEOUT_S, metadata=api_key())
        try:
            snapshot = next(watch)
        except grpc.RpcError as error:
            raise CaseFailed("watch %d: %s %r" % (cycle, error.code(), error.details()))
        check(snapshot.program.id == program_id and snapshot.event_id == "", "watch %d snapshot: %s", cycle, snapshot)
        watch.cancel()
        check(watch.code() == grpc.StatusCode.CANCELLED, "watch %d after cancel: %s", cycle, watch.code())
    return {"cycles": WATCH_CYCLES, "listed": still_serving(channel)}


@case
def case_watch_change(channel):
    # Two watchers of one programme: the change reaches both from the log, in the bytes the server serializes
    # once for every watcher of an event, and each parses it whole.
    commands, queries = stubs(channel)
    program_id, request = announced_for_watching(commands, queries)
    watches = [queries.WatchPrograms(request, timeout=CALL_TIMEOUT_S, metadata=api_key()) for _ in range(2)]
    for watch in watches:
        snapshot = next(watch)
        check(snapshot.program.id == program_id and snapshot.event_id == "", "snapshot: %s", snapshot)
    reported = commands.ReportClaim(calibre_report(program_id), timeout=CALL_TIMEOUT_S, metadata=api_key())
    changes = [next(watch) for watch in watches]
    for watch in watches:
        watch.cancel()
    for change in changes:
        check(change.event_id == reported.event_ids[0] and change.event_type == "AttributeReported.v1",
              "change: %s %s, command said %s", change.event_id, change.event_type, reported.event_ids[0])
        check(change.program.id == program_id and change.program.version == 1, "changed programme: %s", change.program)
        check(change.position == reported.position, "position %s, command said %s", change.position, reported.position)
        check([a.attribute for a in change.program.attributes] == ["turret_calibre"] and
              change.program.attributes[0].best.value.quantity.amount == "120", "attributes: %s", change.program.attributes)
    check(changes[0].SerializeToString() == changes[1].SerializeToString(), "the two watchers got different updates")
    return {"program": program_id, "event": changes[0].event_id, "bytes": changes[0].ByteSize()}


@case
def case_reflection(channel):
    observed = {}
    for version, messages, grpc_module in (("v1", pb.reflection_v1, pb.reflection_v1_grpc),
                                           ("v1alpha", pb.reflection_v1alpha, pb.reflection_v1alpha_grpc)):
        stub = grpc_module.ServerReflectionStub(channel)
        replies = list(stub.ServerReflectionInfo(iter([messages.ServerReflectionRequest(list_services="")]),
                                                 timeout=CALL_TIMEOUT_S, metadata=api_key()))
        check(len(replies) == 1, "%s: %d replies", version, len(replies))
        check(replies[0].WhichOneof("message_response") == "list_services_response", "%s: %s", version, replies[0])
        services = sorted(s.name for s in replies[0].list_services_response.service)
        for name in SERVICES:
            check(name in services, "%s list_services lacks %s: %r", version, name, services)
        observed[version] = services
    return observed


@case
def case_health_check(channel):
    stub = pb.health_grpc.HealthStub(channel)
    observed = {}
    for service in HEALTH_SERVICES:
        reply = stub.Check(pb.health.HealthCheckRequest(service=service), timeout=CALL_TIMEOUT_S)
        check(reply.status == pb.health.HealthCheckResponse.SERVING, "Check(%r): %s", service, reply)
        observed[service] = "SERVING"
    return observed


@case
def case_health_watch(channel):
    stub = pb.health_grpc.HealthStub(channel)
    watch = stub.Watch(pb.health.HealthCheckRequest(service=""), timeout=CALL_TIMEOUT_S)
    first = next(watch)
    check(first.status == pb.health.HealthCheckResponse.SERVING, "Watch(''): %s", first)
    watch.cancel()
    return {"": "SERVING"}


@case
def case_non_ascii_error(channel):
    commands, _ = stubs(channel)
    program_id = new_program_id()
    commands.AnnounceProgram(announce(program_id, name=NON_ASCII_NAME), timeout=CALL_TIMEOUT_S, metadata=api_key())
    # Announcing it again is refused with a message that quotes the recorded name.
    error = expect_error(lambda: commands.AnnounceProgram(announce(program_id, name="again"), timeout=CALL_TIMEOUT_S,
                                                          metadata=api_key()),
                         grpc.StatusCode.ALREADY_EXISTS, "a second AnnounceProgram")
    check(NON_ASCII_NAME in error.details(), "message %r lacks %r", error.details(), NON_ASCII_NAME)
    return {"code": error.code().name, "message": error.details()}


@case
def case_size_over_limit(channel):
    commands, _ = stubs(channel)
    request = announce(new_program_id())
    request.note = "n" * (SERVER_LIMIT_BYTES + 1024)
    check(request.ByteSize() > SERVER_LIMIT_BYTES, "request of %d bytes", request.ByteSize())
    error = expect_error(lambda: commands.AnnounceProgram(request, timeout=CALL_TIMEOUT_S, metadata=api_key()),
                         grpc.StatusCode.RESOURCE_EXHAUSTED, "AnnounceProgram over 4 MiB")
    return {"code": error.code().name, "bytes": request.ByteSize(), "listed": still_serving(channel)}


@case
def case_gzip(channel):
    commands, queries = stubs(channel)
    program_id = new_program_id()
    announced = commands.AnnounceProgram(announce(program_id), timeout=CALL_TIMEOUT_S, metadata=api_key(),
                                         compression=grpc.Compression.Gzip)
    program = queries.GetProgram(pb.queries.GetProgramRequest(program_id=program_id, min_position=announced.position),
                                 timeout=CALL_TIMEOUT_S, metadata=api_key(), compression=grpc.Compression.Gzip)
    check(program.name == "Tulpar light tank", "GetProgram: %s", program)
    return {"program": program_id, "version": announced.version}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", help="host:port of the registry")
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
            grpc.channel_ready_future(channel).result(timeout=CALL_TIMEOUT_S)
            observed = CASES[args.case](channel)
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
        return "could not connect within %d s" % CALL_TIMEOUT_S
    if isinstance(error, StopIteration):
        return "stream ended early"
    return str(error)


if __name__ == "__main__":
    sys.exit(main())
