#!/usr/bin/python3
"""Third-party authentication check: Debian's python3-grpcio calls a Registry host with and without credentials.

    REGISTRY_TOKEN=<jwt> REGISTRY_API_KEY=<key> /usr/bin/python3 registry_auth.py --target 127.0.0.1:PORT

Calls ListPrograms with the bearer token, with the API key, and with neither; and the health check with nothing.
No generated code: an empty request is valid protobuf, and the raw reply bytes are enough. Prints one JSON line
of the status each call got (the test decides), exit 0; exit 1 with the error if a call fails unexpectedly.
"""
import json
import os
import sys

import grpc

LIST = '/registry.v1.ProgramQueries/ListPrograms'
HEALTH = '/grpc.health.v1.Health/Check'


def status_of(call, metadata):
    try:
        call(b'', timeout=10, metadata=metadata)
        return 'OK'
    except grpc.RpcError as error:
        return error.code().name


def main():
    target = sys.argv[sys.argv.index('--target') + 1]
    token = os.environ['REGISTRY_TOKEN']
    api_key = os.environ['REGISTRY_API_KEY']
    with grpc.insecure_channel(target) as channel:
        listing = channel.unary_unary(LIST)
        observed = {
            'bearer_token': status_of(listing, [('authorization', 'Bearer ' + token)]),
            'api_key': status_of(listing, [('x-api-key', api_key)]),
            'bad_token': status_of(listing, [('authorization', 'Bearer ' + token[:-4] + 'AAAA')]),
            'no_credential': status_of(listing, []),
            'health_no_credential': channel.unary_unary(HEALTH)(b'', timeout=10).hex(),
        }
    print(json.dumps(observed, sort_keys=True))


if __name__ == '__main__':
    main()
