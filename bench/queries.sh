#!/usr/bin/env bash
# Queries through gRPC against their ceiling, in one run (a benchmark, not a test), driven by
# bench/Registry.Queries.Bench against Registry.Server (Release, separate process, fresh data directory) and
# the bare unary Echo of bench/Registry.Grpc.Bench (--mode grpc):
#   (1) GetProgram on PROGRAMMES programmes (announced, CLAIMS attribute claims each) with CALLERS closed-loop
#       callers, then the echo with the same callers: calls/s, p50/p99 and GetProgram / echo;
#   (2) WatchPrograms: WATCHERS streams over WATCH_CONNECTIONS HTTP/2 connections, watcher i on programme
#       i % WATCHED; a warm-up change per watched programme, a wait until the server's tier-1 compilation of
#       the code it ran is over; then ReportClaim on those programmes paced at RATE commands/s (open loop) for
#       WATCH_SECONDS: p50/p99/max from each command's acknowledgement to the last of its watchers receiving
#       its event, updates delivered and missed, the rate achieved.
# For each measured phase, where the machine's cores went (server, this client, other, idle, steal).
#
# Settings (environment): CALLERS=64 PROGRAMMES=1000 CLAIMS=3 DURATION=10 WARMUP=5 CHANNELS=1
#   WATCHERS=1000 WATCHED=100 WATCH_CONNECTIONS=20 RATE=1000 WATCH_SECONDS=10 COMMAND_CONNECTIONS=2
#   STORE=sqlite|eventstoredb, PORT_A/PORT_B/PORT_ESDB, DIR, SERVER_ENV: see bench/lib/servers.sh
#   SERVER_ARGS="..." extra settings for Registry.Server
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WATCHERS=${WATCHERS:-1000}
source bench/lib/servers.sh

build_projects src/Registry.Server bench/Registry.Grpc.Bench bench/Registry.Queries.Bench
# The server refuses watchers beyond Queries:MaxWatchSubscribers (100 by default). SERVER_ARGS is split into
# settings on purpose.
# shellcheck disable=SC2086
start_servers --Queries:MaxWatchSubscribers="$((WATCHERS + 100))" ${SERVER_ARGS:-}

dotnet bench/Registry.Queries.Bench/bin/Release/net10.0/Registry.Queries.Bench.dll \
  --registry "http://127.0.0.1:$PORT_A" --echo "http://127.0.0.1:$PORT_B" --credentials-file "$data/development-api-key" \
  --store "$store_name" --server-pid "$server_pid" --echo-pid "$echo_pid" --callers "${CALLERS:-64}" --programmes "${PROGRAMMES:-1000}" --claims "${CLAIMS:-3}" \
  --seconds "${DURATION:-10}" --warmup "${WARMUP:-5}" --channels "${CHANNELS:-1}" \
  --watchers "$WATCHERS" --watched "${WATCHED:-100}" --watch-connections "${WATCH_CONNECTIONS:-20}" \
  --rate "${RATE:-1000}" --watch-seconds "${WATCH_SECONDS:-10}" --command-connections "${COMMAND_CONNECTIONS:-2}"
