#!/usr/bin/env bash
# Durable commands through gRPC against their ceiling, in one run (a benchmark, not a test):
#   (a) ReportClaim attribute claims on PROGRAMMES programmes announced beforehand, against Registry.Server
#       (Release, separate process, temp data directory: SQLite log with group commit, projections following);
#   (b) the bare unary Echo served by Grpc.AspNetCore (bench/Registry.Grpc.Bench --mode grpc).
# Both driven by bench/Registry.Commands.Bench: our gRPC client, CALLERS closed-loop callers over CHANNELS
# HTTP/2 connection(s), a warm-up, then SECONDS measured. Prints calls/s, p50/p99 of each and (a)/(b).
#
# Settings (environment): CALLERS=64 PROGRAMMES=1000 DURATION=10 WARMUP=5 CHANNELS=1 PORT_A=50161 PORT_B=50162
#   DIR=<temp> (where the server's data goes: put it on the disk to measure)
#   SERVER_ARGS="..." extra settings for Registry.Server (e.g. --Publishing:Enabled=false to measure without publishers)
#   TRACE=1: record the server's CPU with dotnet-trace (sampled thread time, Speedscope) during the commands.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CALLERS=${CALLERS:-64}
PROGRAMMES=${PROGRAMMES:-1000}
SECONDS_MEASURED=${DURATION:-10}
WARMUP=${WARMUP:-5}
CHANNELS=${CHANNELS:-1}
PORT_A=${PORT_A:-50161}
PORT_B=${PORT_B:-50162}
TRACE=${TRACE:-0}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
data=${DIR:-$work/data}
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for project in src/Registry.Server bench/Registry.Grpc.Bench bench/Registry.Commands.Bench; do
  echo "== building $project (Release)"
  dotnet build "$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done

mkdir -p "$data"
if [[ -n $(ls -A "$data") ]]; then
  echo "DIR=$data is not empty: the benchmark wants a fresh log" >&2
  exit 1
fi
dotnet src/Registry.Server/bin/Release/net10.0/Registry.Server.dll --Grpc:Endpoint:Port="$PORT_A" --Http:Endpoint:Port=0 \
  --Storage:DataDirectory="$data" --Logging:LogLevel:Default=Warning ${SERVER_ARGS:-} >"$work/server.log" 2>&1 &
pids+=($!); server_pid=$!
dotnet bench/Registry.Grpc.Bench/bin/Release/net10.0/Registry.Grpc.Bench.dll --mode grpc --port "$PORT_B" >"$work/echo.log" 2>&1 &
pids+=($!)

# Both listening before the load starts (the client's first calls would otherwise fail).
for port in "$PORT_A" "$PORT_B"; do
  for i in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    [[ $i -eq 100 ]] && { echo "nothing listens on $port:" >&2; cat "$work"/*.log >&2; exit 1; }
    sleep 0.1
  done
done

if [[ $TRACE == 1 ]]; then
  trace_tool=${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}
  # Starts about when the measured commands start (announcements ~2 s + warm-up) and ends before they do.
  (sleep "$((WARMUP + 2))"; "$trace_tool" collect -p "$server_pid" --profile dotnet-sampled-thread-time --format Speedscope \
    --duration "00:00:00:$(printf '%02d' "$((SECONDS_MEASURED - 3))")" -o "${TRACE_OUT:-artifacts/commands-server.nettrace}" >"$work/trace.log" 2>&1) &
  trace_pid=$!
fi

dotnet bench/Registry.Commands.Bench/bin/Release/net10.0/Registry.Commands.Bench.dll \
  --commands "http://127.0.0.1:$PORT_A" --echo "http://127.0.0.1:$PORT_B" --credentials-file "$data/development-api-key" \
  --callers "$CALLERS" --programmes "$PROGRAMMES" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --channels "$CHANNELS" --server-pid "$server_pid"
if [[ $TRACE == 1 ]]; then wait "$trace_pid" || true; cat "$work/trace.log"; fi
