#!/usr/bin/python3
"""Reference implementation of registry.interop.v1.Echo with python3-grpcio.

Behaviour follows tests/interop/protos/registry/interop/v1/echo.proto (its comments are the contract).
It also serves small grpc.health.v1 and grpc.reflection.v1 services (support_services.py) so the client
scripts' health and reflection cases can be tried against it.
Run with Debian's interpreter (the grpcio module is a Debian package):

    /usr/bin/python3 tests/interop/python/echo_server.py --port 0

Binds 127.0.0.1, prints exactly one line `LISTENING <port>` when ready, serves until stdin reaches EOF or
SIGTERM/SIGINT arrives, then exits 0.
"""
import argparse
import base64
import os
import signal
import sys
import threading
import time
from concurrent import futures

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_protos  # noqa: E402
import support_services  # noqa: E402

import grpc  # noqa: E402

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
ECHO_PREFIX = "x-echo-"
DETAILS_KEY = "grpc-status-details-bin"

pb = interop_protos.load()
_CODES_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}


class CallFailed(Exception):
    """Raised inside a handler to end the call with the status a request asked for."""

    def __init__(self, request):
        super().__init__(request.fail_message)
        self.request = request


class Observations:
    """What handlers saw of tagged calls, so Observe can report whether cancellation reached them."""

    def __init__(self):
        self._lock = threading.Condition()
        self._calls = {}

    def started(self, tag):
        if tag:
            with self._lock:
                self._calls[tag] = {"finished": False, "cancelled": False}

    def cancelled(self, tag):
        if tag:
            with self._lock:
                self._calls[tag]["cancelled"] = True

    def finished(self, tag):
        if tag:
            with self._lock:
                self._calls[tag]["finished"] = True
                self._lock.notify_all()

    def observe(self, tag, wait_seconds):
        deadline = time.monotonic() + max(wait_seconds, 0)
        with self._lock:
            while True:
                call = self._calls.get(tag)
                remaining = deadline - time.monotonic()
                if (call is not None and call["finished"]) or remaining <= 0:
                    break
                self._lock.wait(remaining)
            if call is None:
                return pb.echo.Observation(seen=False)
            return pb.echo.Observation(seen=True, finished=call["finished"], cancelled=call["cancelled"])


class CallState:
    """Per-call helpers: the x-echo-* metadata, and a wait that ends early on cancel or deadline."""

    def __init__(self, context):
        self.context = context
        self.ended = threading.Event()
        # Runs when the RPC terminates for any reason, including client cancel and deadline expiry.
        context.add_callback(self.ended.set)
        self.echo_metadata = tuple(
            (key, value) for key, value in context.invocation_metadata() if key.startswith(ECHO_PREFIX))
        self.initial_sent = False

    def headers_map(self):
        # -bin values arrive already base64-decoded by grpcio; the contract wants padded base64 back.
        result = {}
        for key, value in self.echo_metadata:
            if key.endswith("-bin"):
                value = base64.b64encode(bytes(value)).decode("ascii")
            result[key] = value
        return result

    def send_headers(self):
        if not self.initial_sent:
            self.initial_sent = True
            self.context.send_initial_metadata(self.echo_metadata)

    def wait(self, delay_ms):
        """Waits delay_ms; returns False if the call was cancelled or its deadline passed meanwhile."""
        if delay_ms <= 0:
            return self.context.is_active()
        timeout = delay_ms / 1000.0
        remaining = self.context.time_remaining()
        if remaining is not None and remaining < timeout:
            timeout = max(remaining, 0)
            self.ended.wait(timeout)
            return False  # the deadline passed before the delay was over
        self.ended.wait(timeout)
        return not self.ended.is_set() and self.context.is_active()

    def fail(self, request):
        """Ends the call with the request's fail_code/fail_message (and status details if asked)."""
        trailers = list(self.echo_metadata)
        code = _CODES_BY_NUMBER.get(request.fail_code, grpc.StatusCode.UNKNOWN)
        if request.fail_with_details:
            trailers.append((DETAILS_KEY, status_details(request).SerializeToString()))
        self.context.set_trailing_metadata(tuple(trailers))
        self.context.abort(code, request.fail_message)

    def finish(self):
        self.send_headers()
        self.context.set_trailing_metadata(self.echo_metadata)


def status_details(request):
    bad_request = pb.error_details.BadRequest(field_violations=[
        pb.error_details.BadRequest.FieldViolation(field="text", description=request.fail_message),
        pb.error_details.BadRequest.FieldViolation(field="payload", description="payload is wrong too"),
    ])
    status = pb.status.Status(code=request.fail_code, message=request.fail_message)
    status.details.add().Pack(bad_request)
    return status


def reply_payload(request):
    return b"a" * request.reply_size if request.reply_size > 0 else request.payload


class EchoService(pb.echo_grpc.EchoServicer):
    def __init__(self, observations):
        self.observations = observations

    def _tagged(self, tag, call, body):
        """Runs body() recording start, cancellation and end of the call under `tag`."""
        self.observations.started(tag)
        try:
            return body()
        finally:
            if not call.context.is_active() or call.ended.is_set():
                self.observations.cancelled(tag)
            self.observations.finished(tag)

    def _answer(self, call, request, index):
        """One reply as Unary describes it; None when the call ended while waiting."""
        if not call.wait(request.delay_ms):
            self.observations.cancelled(request.tag)
            return None
        if request.fail_code != 0:
            call.fail(request)
        return pb.echo.EchoReply(text=request.text, payload=reply_payload(request), index=index,
                                 headers=call.headers_map())

    def Unary(self, request, context):
        call = CallState(context)

        def body():
            call.send_headers()
            reply = self._answer(call, request, 0)
            if reply is None:
                # As a server enforcing its deadline would: never an OK after the caller stopped waiting.
                remaining = context.time_remaining()
                expired = remaining is not None and remaining <= 0.05
                context.abort(grpc.StatusCode.DEADLINE_EXCEEDED if expired else grpc.StatusCode.CANCELLED,
                              "Deadline exceeded" if expired else "Call cancelled")
            call.finish()
            return reply

        return self._tagged(request.tag, call, body)

    def ServerStream(self, request, context):
        call = CallState(context)
        self.observations.started(request.tag)
        try:
            call.send_headers()
            for i in range(request.count):
                if not call.wait(request.delay_ms):
                    self.observations.cancelled(request.tag)
                    return
                yield pb.echo.EchoReply(text="%s#%d" % (request.text, i), payload=reply_payload(request),
                                        index=i, headers=call.headers_map())
            if request.fail_code != 0:
                call.fail(request)
            call.finish()
        finally:
            self.observations.finished(request.tag)

    def ClientStream(self, request_iterator, context):
        call = CallState(context)
        texts, received, received_bytes, tag = [], 0, 0, ""
        call.send_headers()
        try:
            for request in request_iterator:
                if request.tag and not tag:
                    tag = request.tag
                    self.observations.started(tag)
                if not call.wait(request.delay_ms):
                    self.observations.cancelled(tag)
                    return pb.echo.EchoReply()
                if request.fail_code != 0:
                    call.fail(request)
                texts.append(request.text)
                received += 1
                received_bytes += len(request.payload)
            call.finish()
            return pb.echo.EchoReply(text=",".join(texts), received=received, received_bytes=received_bytes,
                                     headers=call.headers_map())
        finally:
            self.observations.finished(tag)

    def Duplex(self, request_iterator, context):
        call = CallState(context)
        tag = ""
        call.send_headers()
        try:
            for index, request in enumerate(request_iterator):
                if request.tag and not tag:
                    tag = request.tag
                    self.observations.started(tag)
                reply = self._answer(call, request, index)
                if reply is None:
                    self.observations.cancelled(tag)
                    return
                yield reply
            call.finish()
        finally:
            self.observations.finished(tag)

    def Observe(self, request, context):
        return self.observations.observe(request.tag, request.wait_ms / 1000.0)


def build_server(port):
    options = [
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
    ]
    # Observe blocks while the observed call is still waiting, so several handlers must run at once.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32), options=options)
    pb.echo_grpc.add_EchoServicer_to_server(EchoService(Observations()), server)
    support_services.add_to_server(pb, server, ["registry.interop.v1.Echo"])
    bound = server.add_insecure_port("127.0.0.1:%d" % port)
    if bound == 0:
        raise SystemExit("cannot bind 127.0.0.1:%d" % port)
    return server, bound


def wait_for_shutdown():
    stop = threading.Event()

    def on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def read_stdin_to_eof():
        # The parent process keeps our stdin open while it wants us alive; EOF means it is gone.
        # os.read, not sys.stdin: a daemon thread blocked inside the buffered reader holds its lock and
        # makes interpreter shutdown abort after SIGTERM.
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        finally:
            stop.set()

    threading.Thread(target=read_stdin_to_eof, daemon=True).start()
    while not stop.wait(0.5):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server, port = build_server(args.port)
    server.start()
    print("LISTENING %d" % port, flush=True)
    wait_for_shutdown()
    server.stop(grace=1).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
