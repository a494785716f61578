#!/usr/bin/env bash
# Durable commands through gRPC against their ceiling, in one run (a benchmark, not a test):
#   (a) ReportClaim attribute claims on PROGRAMMES programmes announced beforehand, against Registry.Server
#       (Release, separate process, temp data directory: SQLite log with group commit, or with STORE=eventstoredb
#       the EventStoreDB-protocol conformance node; projections and publishers following);
#   (b) the bare unary Echo served by Grpc.AspNetCore (bench/Registry.Grpc.Bench --mode grpc).
# Both driven by bench/Registry.Commands.Bench: our gRPC client, CALLERS closed-loop callers over CHANNELS
# HTTP/2 connection(s), a warm-up, then SECONDS measured. Prints calls/s, p50/p99 of each and (a)/(b),
# every follower's lag (max and mean of samples every 250 ms during the measured commands), and the server's
# garbage collections during them (pause share; per generation: count, pause mean (suspending, collecting) and max,
# MB promoted and how much of it was reached from older generations' references; how long marking from each kind of root
# and the work after marking took the slowest heap), and where the machine's cores went during the commands and
# during the echo (server, this client, other, idle, steal: whether the run was bound by CPU).
#
# Settings (environment): CALLERS=64 PROGRAMMES=1000 DURATION=10 WARMUP=15 CHANNELS=1
#   (15 s of warm-up: on 2 cores shared with the load, the runtime's tier-1 compilation of the server took longer than
#   5 s and its JIT thread showed up in the measured commands at 20-30 us per command.)
#   STORE=sqlite|eventstoredb, PORT_A/PORT_B/PORT_ESDB, DIR, SERVER_ENV: see bench/lib/servers.sh
#   SERVER_ARGS="..." extra settings for Registry.Server (e.g. --Publishing:Enabled=false to measure without publishers)
#   TRACE=1: record the server's CPU with dotnet-trace (sampled thread time, Speedscope) during the commands.
#   SURVIVORS=1: also print what survived the server's gen0 collections, by type (sampled allocations; more GC events).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CALLERS=${CALLERS:-64}
PROGRAMMES=${PROGRAMMES:-1000}
SECONDS_MEASURED=${DURATION:-10}
WARMUP=${WARMUP:-15}
CHANNELS=${CHANNELS:-1}
TRACE=${TRACE:-0}
SURVIVORS=${SURVIVORS:-0}
source bench/lib/servers.sh

build_projects src/Registry.Server bench/Registry.Grpc.Bench bench/Registry.Commands.Bench
# SERVER_ARGS is split into settings on purpose.
# shellcheck disable=SC2086
start_servers ${SERVER_ARGS:-}

if [[ $TRACE == 1 ]]; then
  trace_tool=${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}
  # Starts about when the measured commands start (announcements ~2 s + warm-up) and ends before they do.
  (sleep "$((WARMUP + 2))"; "$trace_tool" collect -p "$server_pid" --profile dotnet-sampled-thread-time --format Speedscope \
    --duration "00:00:00:$(printf '%02d' "$((SECONDS_MEASURED - 3))")" -o "${TRACE_OUT:-artifacts/commands-server.nettrace}" >"$work/trace.log" 2>&1) &
  trace_pid=$!
fi

dotnet bench/Registry.Commands.Bench/bin/Release/net10.0/Registry.Commands.Bench.dll \
  --commands "http://127.0.0.1:$PORT_A" --echo "http://127.0.0.1:$PORT_B" --credentials-file "$data/development-api-key" \
  --callers "$CALLERS" --programmes "$PROGRAMMES" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --channels "$CHANNELS" --server-pid "$server_pid" --echo-pid "$echo_pid" \
  --store "$store_name" --survivors "$SURVIVORS"
if [[ $TRACE == 1 ]]; then wait "$trace_pid" || true; cat "$work/trace.log"; fi
