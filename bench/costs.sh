#!/usr/bin/env bash
# What one ReportClaim costs the server, stage by stage, in CPU time per command (a benchmark, not a test):
# decoding and validating the request, deciding and appending it durably with CALLERS at once, then the
# programmes projection and the ProgramStateChanged publisher (in-memory bus) following the log from the
# start. gRPC is not included (bench/grpc-unary.sh measures it). Complements bench/commands.sh, whose
# calls/s this takes apart; CPU per command stays comparable when other work shares the machine.
# Settings (environment): PROGRAMMES=1000 CLAIMS=40 CALLERS=64
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building bench/Registry.Costs.Bench (Release)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build bench/Registry.Costs.Bench -c Release -v quiet -nologo >"$log" 2>&1 || { cat "$log"; exit 1; }
dotnet bench/Registry.Costs.Bench/bin/Release/net10.0/Registry.Costs.Bench.dll \
  --programmes "${PROGRAMMES:-1000}" --claims "${CLAIMS:-40}" --callers "${CALLERS:-64}"
