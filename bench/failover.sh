#!/usr/bin/env bash
# Publisher failover times (a benchmark, not a test): runs the process test in which three registry
# processes share one EventStoreDB-protocol log and one private RabbitMQ node, and the instance holding the
# state publisher's lease is killed with SIGKILL under load, twice per run; each time it prints the seconds
# from the kill to the moment another instance reports the lease (it publishes from then on). Prints every
# figure, then min / median / max.
# Settings (environment): RUNS=5 (two failovers each)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
cleanup() {
  bash scripts/rabbitmq.sh stop "$work/rabbitmq" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building tests/Registry.Server.Tests (Release)"
dotnet build tests/Registry.Server.Tests -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

echo "== starting RabbitMQ in $work/rabbitmq"
REGISTRY_TEST_RABBITMQ=$(bash scripts/rabbitmq.sh start "$work/rabbitmq")
export REGISTRY_TEST_RABBITMQ

for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS"
  dotnet test tests/Registry.Server.Tests --no-build -c Release \
    --filter "FullyQualifiedName~PublisherFailoverTests.The_active_publisher_killed_twice" \
    --logger "console;verbosity=detailed" >"$work/run-$run.log" 2>&1 || { tail -40 "$work/run-$run.log"; exit 1; }
  grep -E "^ *round [0-9]+:" "$work/run-$run.log" | sed 's/^ *//'
done

cat "$work"/run-*.log | grep -oE "publishing [0-9.]+ s later" | awk '{print $2}' | sort -n | awk '
  { t[NR] = $1 }
  END {
    if (NR == 0) { print "no failover measured"; exit 1 }
    median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%d failovers (kill to another instance holding the lease): min %.1f s, median %.1f s, max %.1f s\n", NR, t[1], median, t[NR]
  }'
