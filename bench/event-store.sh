#!/usr/bin/env bash
# The embedded event store and projection engine, measured (a benchmark, not a test):
#   the machine's limits on this disk (raw 256 B append + fsync; SQLite bulk insert of the same rows),
#   durable single-event appends with 1, 16 and 64 concurrent writers (appends/s, p50/p99 latency),
#   reading $all and building a projection from position 0 over EVENTS events.
# Settings (environment): EVENTS=1000000 DURATION=5 (seconds per writer count) DIR=artifacts/bench-store (on the disk to measure).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
EVENTS=${EVENTS:-1000000}
DURATION=${DURATION:-5}
DIR=${DIR:-artifacts/bench-store}
PROJECT=bench/Registry.EventStore.Bench
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building $PROJECT (Release)"
dotnet build "$PROJECT" -c Release -v quiet -nologo >/dev/null
dotnet "$PROJECT/bin/Release/net10.0/Registry.EventStore.Bench.dll" --dir "$DIR" --events "$EVENTS" --seconds "$DURATION"
