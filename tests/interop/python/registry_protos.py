"""Generates the Python modules for the registry's public protos at run time.

Nothing generated is committed: protos/ is the single source of truth, and Debian's python3-grpc-tools
(protoc 3.5.1) compiles it into a temporary directory on every start.
"""
import atexit
import importlib
import os
import shutil
import sys
import tempfile

# This file lives in <repo>/tests/interop/python/.
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
PROTOS = os.path.join(REPO_ROOT, "protos")

PROTO_FILES = [
    "registry/v1/claims.proto",
    "registry/v1/program_commands.proto",
    "registry/v1/program_queries.proto",
    "registry/v1/admin.proto",
    "google/api/http.proto",
    "google/api/annotations.proto",
    "google/rpc/status.proto",
    "google/rpc/error_details.proto",
    "grpc/health/v1/health.proto",
    "grpc/reflection/v1/reflection.proto",
    "grpc/reflection/v1alpha/reflection.proto",
]


def _well_known_types_include():
    """The directory holding google/protobuf/*.proto as shipped inside Debian's grpc_tools package."""
    import grpc_tools

    candidate = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    if os.path.exists(os.path.join(candidate, "google", "protobuf", "any.proto")):
        return candidate
    raise RuntimeError("cannot find google/protobuf/any.proto next to grpc_tools")


def _compile(out_dir):
    from grpc_tools import protoc

    args = ["protoc", "-I" + PROTOS, "-I" + _well_known_types_include(),
            "--python_out=" + out_dir, "--grpc_python_out=" + out_dir]
    args += [os.path.join(PROTOS, name) for name in PROTO_FILES]
    if protoc.main(args) != 0:
        raise RuntimeError("grpc_tools.protoc failed for: " + " ".join(args))


def _make_importable(out_dir):
    sys.path.insert(0, out_dir)
    # `grpc` is the installed grpcio package, so grpc/health and grpc/reflection generated into out_dir are
    # invisible behind it unless the package's search path also lists out_dir/grpc.
    import grpc

    grpc_dir = os.path.join(out_dir, "grpc")
    if grpc_dir not in grpc.__path__:
        grpc.__path__.append(grpc_dir)


class Modules:
    """The generated modules, by short name."""

    def __init__(self):
        def load(name):
            return importlib.import_module(name)

        self.claims = load("registry.v1.claims_pb2")
        self.commands = load("registry.v1.program_commands_pb2")
        self.commands_grpc = load("registry.v1.program_commands_pb2_grpc")
        self.queries = load("registry.v1.program_queries_pb2")
        self.queries_grpc = load("registry.v1.program_queries_pb2_grpc")
        self.status = load("google.rpc.status_pb2")
        self.error_details = load("google.rpc.error_details_pb2")
        self.health = load("grpc.health.v1.health_pb2")
        self.health_grpc = load("grpc.health.v1.health_pb2_grpc")
        self.reflection_v1 = load("grpc.reflection.v1.reflection_pb2")
        self.reflection_v1_grpc = load("grpc.reflection.v1.reflection_pb2_grpc")
        self.reflection_v1alpha = load("grpc.reflection.v1alpha.reflection_pb2")
        self.reflection_v1alpha_grpc = load("grpc.reflection.v1alpha.reflection_pb2_grpc")


_loaded = None


def load():
    """Compiles the protos once per process and returns the generated modules."""
    global _loaded
    if _loaded is None:
        out_dir = tempfile.mkdtemp(prefix="registry-protos-py-")
        atexit.register(shutil.rmtree, out_dir, True)
        _compile(out_dir)
        _make_importable(out_dir)
        _loaded = Modules()
    return _loaded
