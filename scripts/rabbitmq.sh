#!/usr/bin/env bash
# A private RabbitMQ node (Debian's rabbitmq-server) for tests and benchmarks: all its state in one folder,
# free ports on 127.0.0.1, its own epmd port, so it never meets another node on the machine.
#
#   scripts/rabbitmq.sh start DIR   starts a node in DIR (created; reused with its data if it held one),
#                                   waits until it answers, prints its address amqp://guest:guest@127.0.0.1:PORT/
#   scripts/rabbitmq.sh stop DIR    stops that node and its epmd
#
# A node started again on the same DIR keeps its ports, its durable queues and their persistent messages
# (the broker-restart tests rely on that). The guest user is allowed because the node listens on loopback only.
set -euo pipefail

RABBIT_BIN=/usr/lib/rabbitmq/bin

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Loads (or, the first time, chooses) the node's name and ports, and exports the variables its scripts read.
node_environment() {
  local dir=$1
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  if [[ ! -f $dir/node.env ]]; then
    {
      echo "NODE_NAME=registry-$(basename "$dir" | tr -c 'A-Za-z0-9\n' '-')-$$@localhost"
      echo "AMQP_PORT=$(free_port)"
      echo "DIST_PORT=$(free_port)"
      echo "EPMD_PORT=$(free_port)"
    } >"$dir/node.env"
  fi
  # shellcheck disable=SC1091
  source "$dir/node.env"
  : >"$dir/rabbitmq-env.conf"
  [[ -f $dir/rabbitmq.conf ]] || printf 'listeners.tcp.default = %s\nloopback_users = none\n' "$AMQP_PORT" >"$dir/rabbitmq.conf"
  [[ -f $dir/enabled_plugins ]] || echo '[].' >"$dir/enabled_plugins"
  export HOME=$dir/home
  export RABBITMQ_NODENAME=$NODE_NAME
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$AMQP_PORT
  export RABBITMQ_DIST_PORT=$DIST_PORT
  export ERL_EPMD_PORT=$EPMD_PORT
  export RABBITMQ_MNESIA_BASE=$dir/mnesia
  export RABBITMQ_LOG_BASE=$dir/log
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf
  export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
  export RABBITMQ_PID_FILE=$dir/rabbitmq.pid
  export RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf
}

start() {
  local dir
  dir=$(realpath -m "$1")
  if [[ ! -x $RABBIT_BIN/rabbitmq-server ]]; then
    echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2
    return 1
  fi
  node_environment "$dir"
  rm -f "$RABBITMQ_PID_FILE"
  # setsid: the node outlives the shell that started it and is stopped by "stop", not by a signal to this group.
  setsid "$RABBIT_BIN/rabbitmq-server" >"$dir/log/console.log" 2>&1 </dev/null &
  if ! "$RABBIT_BIN/rabbitmqctl" -n "$NODE_NAME" wait "$RABBITMQ_PID_FILE" --timeout 90 >"$dir/log/wait.log" 2>&1; then
    echo "RabbitMQ did not start in $dir:" >&2
    tail -n 30 "$dir/log/console.log" "$dir/log/wait.log" >&2 || true
    return 1
  fi
  echo "amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
}

stop() {
  local dir
  dir=$(realpath -m "$1")
  [[ -f $dir/node.env ]] || return 0
  node_environment "$dir"
  "$RABBIT_BIN/rabbitmqctl" -n "$NODE_NAME" shutdown >"$dir/log/shutdown.log" 2>&1 || true
  # The node's own epmd (private port): nothing else is registered with it.
  epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
}

case ${1:-} in
  start) start "${2:?folder}" ;;
  stop) stop "${2:?folder}" ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
