#!/usr/bin/env bash
# What one ReportClaim costs the server, stage by stage, in CPU time per command (a benchmark, not a test):
# decoding and validating the request, deciding and appending it durably with CALLERS at once, then the
# programmes projection and the ProgramStateChanged publisher (in-memory bus: with nobody to receive its
# messages, the default, and with a consumer in the process) following the log from the start. gRPC is not
# included (bench/grpc-unary.sh measures it). Complements bench/commands.sh, whose calls/s this takes apart;
# CPU per command stays comparable when other work shares the machine.
# Then what one ProgramStateChanged costs (CPU, allocations, bytes, rate) when programmes hold each of
# STATE_CLAIMS claims: in memory with a consumer, and on a private RabbitMQ (scripts/rabbitmq.sh) with
# publisher confirms, unless RABBITMQ=0 or rabbitmq-server is not installed.
# Settings (environment): PROGRAMMES=1000 CLAIMS=40 CALLERS=64 STATE_CLAIMS=10,60,300 RABBITMQ=1
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
rabbitmq=
cleanup() {
  [[ -n $rabbitmq ]] && { bash scripts/rabbitmq.sh stop "$work/rabbitmq" || true; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building bench/Registry.Costs.Bench (Release)"
dotnet build bench/Registry.Costs.Bench -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

broker=()
if [[ ${RABBITMQ:-1} == 1 && -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
  echo "== starting RabbitMQ in $work/rabbitmq"
  rabbitmq=1
  address=$(bash scripts/rabbitmq.sh start "$work/rabbitmq")
  port=${address##*:}
  broker=(--rabbitmq-port "${port%/}")
else
  echo "(no RabbitMQ: the state sizes are measured in memory only)"
fi

dotnet bench/Registry.Costs.Bench/bin/Release/net10.0/Registry.Costs.Bench.dll \
  --programmes "${PROGRAMMES:-1000}" --claims "${CLAIMS:-40}" --callers "${CALLERS:-64}" --state-claims "${STATE_CLAIMS:-10,60,300}" "${broker[@]}"
