#!/usr/bin/env bash
# The audit Merkle tree, measured (a benchmark, not a test): building it from position 0 over EVENTS programme
# events (events/s, and as a share of a plain projection rebuilt from the same log in the same run), the CPU the
# tree follower adds per event (a command appends one), the root, inclusion and consistency proofs at that size,
# finding a leaf by event id (through the index, and among the leaves after its last block: EVENTS not a multiple
# of 16,384 leaves some there), and signing a head. Settings (environment): EVENTS=1000000 DIR=artifacts/bench-audit (deleted afterwards).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building bench/Registry.Audit.Bench (Release)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build bench/Registry.Audit.Bench -c Release -v quiet -nologo >"$log" 2>&1 || { cat "$log"; exit 1; }
dotnet bench/Registry.Audit.Bench/bin/Release/net10.0/Registry.Audit.Bench.dll --events "${EVENTS:-1000000}" --dir "${DIR:-artifacts/bench-audit}"
