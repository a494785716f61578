#!/usr/bin/env bash
# The one test command, for developers and CI alike (CI runs it through .ci/run on a clean clone, as root,
# with no stdin). It installs what the tests need, builds once, runs every test project, and ends with
# exactly one line "N passed, N failed, N skipped". Safe to run again: each step skips what is already done.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests need. Later work extends this one list.
# python3-grpcio / python3-grpc-tools: the third-party gRPC client and reference server for interop tests.
# rabbitmq-server: the real broker the bus tests publish to; python3-pika: their independent subscriber.
# chromium: the browser the console tests drive (headless, through npm's playwright-core).
# python3-cryptography: the ECDSA check of the independent audit-bundle verifier (tests/interop/python/audit_verify.py).
APT_PACKAGES=(
  python3-grpcio
  python3-grpc-tools
  rabbitmq-server
  python3-pika
  chromium
  python3-cryptography
)

RESULTS_DIR=artifacts/test-results
# Debian's python sees the Debian modules (grpcio); a pyenv python3 earlier on PATH does not.
PYTHON=/usr/bin/python3
[[ -x $PYTHON ]] || PYTHON=python3

step() { printf '\n== %s\n' "$*"; }

install_apt_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    echo "apt packages present: ${APT_PACKAGES[*]}"
    return
  fi
  # CI is root; a developer who is not gets sudo.
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  step "installing apt packages: ${missing[*]}"
  # The package lists of a fresh machine may be empty or stale, so update once, only when installing.
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_node_packages() {
  local dir=tests/interop/node
  if [[ ! -f $dir/package.json ]]; then
    echo "no $dir/package.json: no node packages to install"
    return
  fi
  if [[ ! -f $dir/package-lock.json ]]; then
    echo "error: $dir/package-lock.json is missing; npm ci needs it (commit the lock file)" >&2
    exit 1
  fi
  # npm ci wipes node_modules every time; skip it while the lock file is unchanged since the last install.
  local stamp=$dir/node_modules/.test-sh-lock.sha256 want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "node packages up to date in $dir"
    return
  fi
  step "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}

# A private RabbitMQ node for the whole run (scripts/rabbitmq.sh: free ports, its own folder and epmd);
# the tests find it in REGISTRY_TEST_RABBITMQ. Stopped on every exit, failures and interrupts included.
rabbitmq_dir=
stop_rabbitmq() {
  if [[ -n $rabbitmq_dir ]]; then
    bash scripts/rabbitmq.sh stop "$rabbitmq_dir" || true
    rm -rf "$rabbitmq_dir"
    rabbitmq_dir=
  fi
}
trap stop_rabbitmq EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_rabbitmq() {
  rabbitmq_dir=$(mktemp -d "${TMPDIR:-/tmp}/registry-test-rabbitmq.XXXXXX")
  step "starting RabbitMQ in $rabbitmq_dir"
  REGISTRY_TEST_RABBITMQ=$(bash scripts/rabbitmq.sh start "$rabbitmq_dir")
  export REGISTRY_TEST_RABBITMQ
  echo "RabbitMQ at $REGISTRY_TEST_RABBITMQ"
}

step "set-up"
install_apt_packages
install_node_packages

step "dotnet build Registry.sln -c Release"
build_args=(-c Release)
# In CI, leave no MSBuild node or compiler server running after the script ends.
[[ ${CI:-} == true ]] && build_args+=(--disable-build-servers)
if ! dotnet build Registry.sln "${build_args[@]}"; then
  echo
  echo "BUILD FAILED: no tests were run" >&2
  exit 1
fi

mapfile -t projects < <(find tests -name '*.Tests.csproj' -not -path '*/node_modules/*' \
  -not -path '*/bin/*' -not -path '*/obj/*' | sort)
if ((${#projects[@]} == 0)); then
  echo "no test projects (tests/**/*.Tests.csproj) found" >&2
  exit 1
fi

start_rabbitmq

# A stale .trx from an earlier run must not be counted again.
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

# --no-build runs what the solution build produced, so a test project outside Registry.sln would not run.
solution_projects=$(dotnet sln Registry.sln list | tr '\\' '/')

# Every project runs even when one fails; failures are collected and reported at the end.
failed_projects=()
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  step "dotnet test $name"
  if ! grep -qxF "$project" <<<"$solution_projects"; then
    echo "error: $project is not in Registry.sln (add it: dotnet sln Registry.sln add $project)" >&2
    failed_projects+=("$name")
    continue
  fi
  if ! dotnet test "$project" --no-build -c Release \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR"; then
    failed_projects+=("$name")
  fi
done

# The registry's end-to-end tests (the Programs namespace) and the valid-time queries once more with the event log in EventStoreDB:
# each test host gets an EventStoreDB-protocol conformance node of its own (Storage:Provider=EventStoreDb).
step "dotnet test Registry.Server.Tests, Programs, on EventStoreDB"
if ! REGISTRY_TEST_STORAGE=EventStoreDb dotnet test tests/Registry.Server.Tests/Registry.Server.Tests.csproj --no-build -c Release \
  --filter "FullyQualifiedName~Registry.Server.Tests.Programs|FullyQualifiedName~Registry.Server.Tests.Http.ValidTimeQueryTests" \
  --logger "trx;LogFileName=Registry.Server.Tests.OnEventStoreDb.trx" --results-directory "$RESULTS_DIR"; then
  failed_projects+=("Registry.Server.Tests.OnEventStoreDb")
fi

step "summary"
# Prints failed test names, then the final totals line; exits 1 when a test failed or no test ran.
set +e
"$PYTHON" - "$RESULTS_DIR" "${failed_projects[@]}" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

results_dir, failed_projects = sys.argv[1], sys.argv[2:]
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
failed_names = []
projects_with_results = set()

for trx in sorted(glob.glob(os.path.join(results_dir, "*.trx"))):
    project = os.path.splitext(os.path.basename(trx))[0]
    projects_with_results.add(project)
    for result in ET.parse(trx).getroot().iterfind(".//t:Results/t:UnitTestResult", ns):
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
            failed_names.append(f"{project}: {result.get('testName')} [{outcome}]")

# A project whose run failed without a failed test (crash, abort, missing assembly) still fails the run.
silent = [p for p in failed_projects if not any(n.startswith(p + ": ") for n in failed_names)]

if failed_names or silent:
    print("Failed:")
    for name in failed_names:
        print(f"  {name}")
    for p in silent:
        why = "no test failed, see its log above" if p in projects_with_results else "no results file"
        print(f"  {p}: test run failed ({why})")
if passed + failed + skipped == 0:
    print("No test ran.")

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or silent or passed + failed + skipped == 0 else 0)
PY
status=$?
exit $status
