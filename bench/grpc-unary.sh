#!/usr/bin/env bash
# Unary gRPC throughput of grpc-dotnet against its ceiling, in one run, with h2load on 127.0.0.1:
#   (a) grpc: Echo.Unary served by Grpc.AspNetCore (MapGrpcService: route, parse request, call handler, frame reply);
#   (b) bare: a minimal Kestrel middleware writing the same reply, pre-framed once (what Kestrel alone costs).
# Both get the same pre-framed request, the same h2load settings, a warm-up, and alternating measured rounds.
# Prints the median req/s of each, (a)/(b), and p50/p99 latency from h2load's per-request logs. Not a test.
#
# Settings (environment): REQUESTS=200000 ROUNDS=5 CLIENTS=4 STREAMS=32 THREADS=2 WARMUP=200000 PORT_A=50151 PORT_B=50152
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

REQUESTS=${REQUESTS:-200000}
ROUNDS=${ROUNDS:-5}
CLIENTS=${CLIENTS:-4}
STREAMS=${STREAMS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-200000}  # long enough for tiered JIT to reach its optimised code on both sides
PORT_A=${PORT_A:-50151}
PORT_B=${PORT_B:-50152}
PROJECT=bench/Registry.Grpc.Bench
DLL=$PROJECT/bin/Release/net10.0/Registry.Grpc.Bench.dll
METHOD=/registry.interop.v1.Echo/Unary

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# h2load and nghttp come with Debian's nghttp2-client.
if ! command -v h2load >/dev/null || ! command -v nghttp >/dev/null; then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nghttp2-client
fi

work=$(mktemp -d)
pids=()
# Whatever happens (error, Ctrl-C, kill), no server is left listening: signals become exits, exits clean up.
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building $PROJECT (Release)"
dotnet build "$PROJECT" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

dotnet "$DLL" --write-request "$work/body.bin"
h2args=(-d "$work/body.bin" -H 'content-type: application/grpc' -H 'te: trailers')

# Starts one server and waits until it answers a real call with grpc-status 0: h2load counts any HTTP 200
# as a success, so a gRPC error would otherwise pass unnoticed.
start_server() {
  local mode=$1 port=$2 i server_pid
  # Another server already on the port would answer the checks and the load in place of ours.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "something already listens on 127.0.0.1:$port (choose another with PORT_A / PORT_B)" >&2
    return 1
  fi
  dotnet "$DLL" --mode "$mode" --port "$port" >"$work/$mode.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for i in $(seq 100); do
    if nghttp -v "${h2args[@]}" "http://127.0.0.1:$port$METHOD" >"$work/$mode.check" 2>&1 &&
      grep -q 'grpc-status: 0' "$work/$mode.check"; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "server ($mode) exited:" >&2
      cat "$work/$mode.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "server ($mode) did not answer $METHOD with grpc-status 0:" >&2
  cat "$work/$mode.check" >&2
  return 1
}

# One measured h2load run against a server; appends its req/s to $work/<mode>.rps and its per-request
# latencies (microseconds) to $work/<mode>.latencies.
measure_once() {
  local mode=$1 port=$2
  h2load -n "$REQUESTS" -c "$CLIENTS" -m "$STREAMS" -t "$THREADS" "${h2args[@]}" \
    --log-file="$work/$mode.requests" "http://127.0.0.1:$port$METHOD" >"$work/$mode.h2load"
  if ! grep -q "requests: .* $REQUESTS succeeded, 0 failed, 0 errored, 0 timeout" "$work/$mode.h2load"; then
    echo "($mode): not every request succeeded:" >&2
    grep -E '^(requests:|status codes:)' "$work/$mode.h2load" >&2
    return 1
  fi
  awk '/^finished in/ { print $4 }' "$work/$mode.h2load" | tee -a "$work/$mode.rps" | sed "s/^/   ($mode) req\/s: /"
  # Log columns: start (us since epoch), status, microseconds until the end of the response.
  cut -f3 "$work/$mode.requests" >>"$work/$mode.latencies"
}

# Median req/s over the rounds, p50 and p99 over every request of every round.
summarise() {
  local mode=$1 rps
  rps=$(sort -n "$work/$mode.rps" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  sort -n "$work/$mode.latencies" | awk -v rps="$rps" '
    { t[NR] = $1 }
    END { printf "%.0f %.2f %.2f\n", rps, t[int(NR * 0.50 + 0.5)] / 1000, t[int(NR * 0.99 + 0.5)] / 1000 }'
}

# Both servers run side by side (an idle one costs nothing) and the measured runs alternate between them,
# so that a moment of noise on this machine does not fall on one side only.
start_server grpc "$PORT_A"
start_server bare "$PORT_B"
# Other work on a shared machine moves absolute figures (the ratio within one run much less): show how busy it was.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warm-up: $WARMUP requests each"
for port in "$PORT_A" "$PORT_B"; do
  h2load -n "$WARMUP" -c "$CLIENTS" -m "$STREAMS" -t "$THREADS" "${h2args[@]}" "http://127.0.0.1:$port$METHOD" >/dev/null
done
echo "== $ROUNDS rounds of $REQUESTS requests, alternating"
for round in $(seq "$ROUNDS"); do
  measure_once grpc "$PORT_A"
  measure_once bare "$PORT_B"
done

read -r rps_a p50_a p99_a < <(summarise grpc)
read -r rps_b p50_b p99_b < <(summarise bare)
echo
echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "h2load -n $REQUESTS -c $CLIENTS -m $STREAMS -t $THREADS, $METHOD, $(nproc) cores; median of $ROUNDS rounds"
printf '%-36s %12s %10s %10s\n' "server" "req/s" "p50 ms" "p99 ms"
printf '%-36s %12s %10s %10s\n' "(a) grpc-dotnet Echo.Unary" "$rps_a" "$p50_a" "$p99_a"
printf '%-36s %12s %10s %10s\n' "(b) bare Kestrel, pre-framed reply" "$rps_b" "$p50_b" "$p99_b"
awk -v a="$rps_a" -v b="$rps_b" 'BEGIN { printf "grpc-dotnet / bare = (a) / (b) = %.1f%%\n", 100 * a / b }'
