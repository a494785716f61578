#!/usr/bin/env bash
# Publishing to RabbitMQ with publisher confirms, in one run (a benchmark, not a test): a private RabbitMQ
# node (scripts/rabbitmq.sh), the registry's host in process (bench/Registry.Publishing.Bench), and
#   (1) the sink alone: MESSAGES prebuilt ProgramStateChanged in batches of 500, all in flight, until confirmed;
#   (2) the publisher catching up: CATCH_UP commands recorded with publishing off, then timed until every
#       state change is confirmed (mapping, confirms and checkpoints included);
#   (3) RATE commands/s through gRPC for DURATION s after WARMUP s: commit-to-confirmed lag p50/p99/max, where
#       "commit" is the event's record time and "confirmed" the moment its batch was confirmed (the checkpoint
#       may move past it).
# Settings (environment): MESSAGES=50000 CATCH_UP=30000 RATE=1000 DURATION=20 WARMUP=5
#   BENCH_DATA=<temp> (where the registry's data goes: put it on the disk to measure)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

MESSAGES=${MESSAGES:-50000}
CATCH_UP=${CATCH_UP:-30000}
RATE=${RATE:-1000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
cleanup() {
  bash scripts/rabbitmq.sh stop "$work/rabbitmq" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building bench/Registry.Publishing.Bench (Release)"
dotnet build bench/Registry.Publishing.Bench -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

echo "== starting RabbitMQ in $work/rabbitmq"
address=$(bash scripts/rabbitmq.sh start "$work/rabbitmq")
port=${address##*:}
port=${port%/}
echo "RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server) at 127.0.0.1:$port"

dotnet bench/Registry.Publishing.Bench/bin/Release/net10.0/Registry.Publishing.Bench.dll --rabbitmq-port "$port" \
  --messages "$MESSAGES" --catch-up "$CATCH_UP" --rate "$RATE" --seconds "$DURATION" --warmup "$WARMUP"
