# Sourced by bench/commands.sh and bench/queries.sh, not run on its own: builds projects (Release), starts
# Registry.Server on a fresh data directory and the bare grpc-dotnet echo (Registry.Grpc.Bench --mode grpc),
# and stops whatever it started when the script exits.
#
# Settings (environment):
#   STORE=sqlite (default: the embedded SQLite log in the data directory) or STORE=eventstoredb (the
#     EventStoreDB-protocol conformance node, src/Registry.EventStoreDb.Conformance, on PORT_ESDB; the registry
#     keeps only its read models and key in its data directory)
#   PORT_A (registry) PORT_B (echo) PORT_ESDB (conformance node): unset, the first free one of 50161 / 50162 /
#     50163 + 10 k (other benchmarks may run on this machine at the same time)
#   DIR=<temp> (where the data goes, the node's log included: put it on the disk to measure)
#   SERVER_ENV="NAME=value ..." environment for the registry alone (runtime knobs, e.g. DOTNET_GCgen0size)
# After start_servers: server_pid, echo_pid, data (holds development-api-key), store_name (for the printed table).

# free_port FIRST: FIRST, FIRST + 10, ... whichever nothing listens on (steps of 10 keep the three apart).
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 10)); done
  echo "$port"
}

STORE=${STORE:-sqlite}
PORT_A=${PORT_A:-$(free_port 50161)}
PORT_B=${PORT_B:-$(free_port 50162)}
PORT_ESDB=${PORT_ESDB:-$(free_port 50163)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case $STORE in
  sqlite) store_name="SQLite log" ;;
  eventstoredb) store_name="EventStoreDB conformance node" ;;
  *) echo "STORE=$STORE: use sqlite or eventstoredb" >&2; exit 2 ;;
esac

work=$(mktemp -d)
data=${DIR:-$work/data}
pids=()
node_pid=
cleanup() {
  local status=$? log
  # A failed run shows what the servers said (they log warnings and errors only).
  if [[ $status -ne 0 ]]; then
    for log in "$work"/{server,echo,eventstoredb}.log; do
      [[ -s $log ]] && { echo "== last lines of $(basename "$log")" >&2; tail -20 "$log" >&2; }
    done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # After the registry: the conformance node stops on Ctrl+C only, which background jobs of a script ignore.
  # SIGKILL it (its log is disposable, and SQLite's WAL survives that anyway).
  if [[ -n $node_pid ]]; then kill -KILL "$node_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# build_projects PROJECT...: the conformance node is added when STORE=eventstoredb.
build_projects() {
  local projects=("$@")
  if [[ $STORE == eventstoredb ]]; then projects=(src/Registry.EventStoreDb.Conformance "${projects[@]}"); fi
  for project in "${projects[@]}"; do
    echo "== building $project (Release)"
    dotnet build "$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  done
}

# wait_for_port PORT PID: listening before the load starts (the client's first calls would otherwise fail),
# and by that process (not one another benchmark started on the same port).
wait_for_port() {
  for _ in $(seq 100); do
    kill -0 "$2" 2>/dev/null || break
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return; fi
    sleep 0.1
  done
  echo "nothing of ours listens on $1" >&2
  exit 1
}

# start_servers [REGISTRY SETTING...]: e.g. --Queries:MaxWatchSubscribers=2000
start_servers() {
  mkdir -p "$data"
  if [[ -n $(ls -A "$data") ]]; then
    echo "DIR=$data is not empty: the benchmark wants a fresh log" >&2
    exit 1
  fi
  local storage=()
  if [[ $STORE == eventstoredb ]]; then
    mkdir -p "$data/eventstoredb-node"
    dotnet src/Registry.EventStoreDb.Conformance/bin/Release/net10.0/Registry.EventStoreDb.Conformance.dll \
      "$PORT_ESDB" "$data/eventstoredb-node/events.db" >"$work/eventstoredb.log" 2>&1 &
    node_pid=$!
    wait_for_port "$PORT_ESDB" "$node_pid"
    storage=(--Storage:Provider=EventStoreDb "--Storage:EventStoreDb:ConnectionString=esdb://127.0.0.1:$PORT_ESDB?tls=false")
  fi
  # shellcheck disable=SC2086
  env ${SERVER_ENV:-} dotnet src/Registry.Server/bin/Release/net10.0/Registry.Server.dll --Grpc:Endpoint:Port="$PORT_A" --Http:Endpoint:Port=0 \
    --Storage:DataDirectory="$data" "${storage[@]}" --Logging:LogLevel:Default=Warning "$@" >"$work/server.log" 2>&1 &
  pids+=($!); server_pid=$!
  dotnet bench/Registry.Grpc.Bench/bin/Release/net10.0/Registry.Grpc.Bench.dll --mode grpc --port "$PORT_B" >"$work/echo.log" 2>&1 &
  pids+=($!); echo_pid=$!
  wait_for_port "$PORT_A" "$server_pid"
  wait_for_port "$PORT_B" "$echo_pid"
}
