"""Minimal grpc.health.v1 and grpc.reflection.v1 services for the Python reference server.

The .NET server is the one that must serve these for real; here they only exist so the client scripts'
`health` and `reflection` cases can be tested against something before the .NET side is ready.
"""
import threading

from google.protobuf import descriptor_pool

import grpc

NOT_FOUND = 5


class HealthService:
    """Every registered service (and "") is SERVING; anything else is unknown."""

    def __init__(self, pb, service_names):
        self.pb = pb
        self.known = set(service_names) | {""}

    def _status(self, service):
        statuses = self.pb.health.HealthCheckResponse
        return statuses.SERVING if service in self.known else statuses.SERVICE_UNKNOWN

    def Check(self, request, context):
        if request.service not in self.known:
            context.abort(grpc.StatusCode.NOT_FOUND, "unknown service " + request.service)
        return self.pb.health.HealthCheckResponse(status=self._status(request.service))

    def Watch(self, request, context):
        yield self.pb.health.HealthCheckResponse(status=self._status(request.service))
        # Statuses never change here: hold the stream open until the client goes away.
        ended = threading.Event()
        context.add_callback(ended.set)
        ended.wait()


class ReflectionService:
    """Answers list_services, file_by_filename and file_containing_symbol from the default descriptor pool
    (where the generated modules registered their files)."""

    def __init__(self, pb, service_names):
        self.pb = pb
        self.service_names = sorted(service_names)
        self.pool = descriptor_pool.Default()

    def ServerReflectionInfo(self, request_iterator, context):
        for request in request_iterator:
            yield self._answer(request)

    def _answer(self, request):
        r = self.pb.reflection
        response = r.ServerReflectionResponse(valid_host=request.host, original_request=request)
        kind = request.WhichOneof("message_request")
        try:
            if kind == "list_services":
                response.list_services_response.service.extend(
                    r.ServiceResponse(name=name) for name in self.service_names)
            elif kind == "file_by_filename":
                self._add_files(response, self.pool.FindFileByName(request.file_by_filename))
            elif kind == "file_containing_symbol":
                self._add_files(response, self.pool.FindFileContainingSymbol(request.file_containing_symbol))
            else:
                response.error_response.error_code = grpc.StatusCode.UNIMPLEMENTED.value[0]
                response.error_response.error_message = "not supported: %s" % kind
        except KeyError as error:
            response.error_response.error_code = NOT_FOUND
            response.error_response.error_message = str(error)
        return response

    @staticmethod
    def _add_files(response, file_descriptor):
        """The file first, then its transitive dependencies, each once."""
        seen, pending = [], [file_descriptor]
        while pending:
            current = pending.pop(0)
            if current.name in (f.name for f in seen):
                continue
            seen.append(current)
            pending.extend(current.dependencies)
        response.file_descriptor_response.file_descriptor_proto.extend(f.serialized_pb for f in seen)


def add_to_server(pb, server, service_names):
    names = list(service_names) + ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"]
    pb.health_grpc.add_HealthServicer_to_server(HealthService(pb, names), server)
    pb.reflection_grpc.add_ServerReflectionServicer_to_server(ReflectionService(pb, names), server)
