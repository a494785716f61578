"""Generates the Python protobuf/gRPC modules for the interop protos at run time.

Nothing generated is committed: the .proto files in the repository are the single source of truth, and
Debian's python3-grpc-tools (protoc 3.5.1) compiles them into a temporary directory on every start.
"""
import atexit
import importlib
import os
import shutil
import sys
import tempfile

# This file lives in <repo>/tests/interop/python/.
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
INTEROP_PROTOS = os.path.join(REPO_ROOT, "tests", "interop", "protos")
SHARED_PROTOS = os.path.join(REPO_ROOT, "protos")

PROTO_FILES = [
    (INTEROP_PROTOS, "registry/interop/v1/echo.proto"),
    (SHARED_PROTOS, "google/rpc/status.proto"),
    (SHARED_PROTOS, "google/rpc/error_details.proto"),
    (SHARED_PROTOS, "grpc/health/v1/health.proto"),
    (SHARED_PROTOS, "grpc/reflection/v1/reflection.proto"),
]


def _well_known_types_include():
    """The directory holding google/protobuf/*.proto as shipped inside Debian's grpc_tools package."""
    import grpc_tools

    candidate = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    if os.path.exists(os.path.join(candidate, "google", "protobuf", "any.proto")):
        return candidate
    for fallback in ("/usr/include",):  # libprotobuf-dev layout, if someone has it instead
        if os.path.exists(os.path.join(fallback, "google", "protobuf", "any.proto")):
            return fallback
    raise RuntimeError("cannot find google/protobuf/any.proto next to grpc_tools")


def _compile(out_dir):
    from grpc_tools import protoc

    args = ["protoc", "-I" + INTEROP_PROTOS, "-I" + SHARED_PROTOS, "-I" + _well_known_types_include(),
            "--python_out=" + out_dir, "--grpc_python_out=" + out_dir]
    args += [os.path.join(root, rel) for root, rel in PROTO_FILES]
    if protoc.main(args) != 0:
        raise RuntimeError("grpc_tools.protoc failed for: " + " ".join(args))


def _make_importable(out_dir):
    sys.path.insert(0, out_dir)
    # `grpc` is a regular package (it has __init__.py), so grpc/health/v1 in out_dir would be invisible
    # behind the installed grpcio; extending the package's search path lets grpc.health.v1 resolve there.
    import grpc

    grpc_dir = os.path.join(out_dir, "grpc")
    if grpc_dir not in grpc.__path__:
        grpc.__path__.append(grpc_dir)


class Modules:
    """The generated modules, by short name."""

    def __init__(self):
        self.echo = importlib.import_module("registry.interop.v1.echo_pb2")
        self.echo_grpc = importlib.import_module("registry.interop.v1.echo_pb2_grpc")
        self.status = importlib.import_module("google.rpc.status_pb2")
        self.error_details = importlib.import_module("google.rpc.error_details_pb2")
        self.health = importlib.import_module("grpc.health.v1.health_pb2")
        self.health_grpc = importlib.import_module("grpc.health.v1.health_pb2_grpc")
        self.reflection = importlib.import_module("grpc.reflection.v1.reflection_pb2")
        self.reflection_grpc = importlib.import_module("grpc.reflection.v1.reflection_pb2_grpc")


_loaded = None


def load():
    """Compiles the protos once per process and returns the generated modules."""
    global _loaded
    if _loaded is None:
        out_dir = tempfile.mkdtemp(prefix="registry-interop-py-")
        atexit.register(shutil.rmtree, out_dir, True)
        _compile(out_dir)
        _make_importable(out_dir)
        _loaded = Modules()
    return _loaded
