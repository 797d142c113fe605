# Sourced by the benchmark scripts: starts EcomNow with run-local.sh in a temporary directory of its own, with
# queues of its own (a backlog an earlier run left in a shared broker must not leak into this one's figures),
# waits until it is up, and stops it and removes its queues and databases when the script exits (KEEP_DATA=1
# keeps the databases; the logs are always kept in $WORK/logs).
#
#   start_fresh_system NAMESPACE_PREFIX [VAR=value ...]   sets WORK (the temporary directory) and SYSTEM (its pid)

start_fresh_system() {
  local prefix=$1; shift
  WORK=$(mktemp -d)
  export ECOMNOW_MESSAGING_NAMESPACE=$prefix-$$
  env "$@" ECOMNOW_DATA_DIR="$WORK/data" ECOMNOW_LOG_DIR="$WORK/logs" ./run-local.sh > "$WORK/run-local.out" 2>&1 &
  SYSTEM=$!
  trap stop_fresh_system EXIT
  for _ in $(seq 1 300); do
    grep -q "EcomNow is up" "$WORK/run-local.out" && return 0
    kill -0 "$SYSTEM" 2>/dev/null || { cat "$WORK/run-local.out"; exit 1; }
    sleep 1
  done
  echo "EcomNow did not come up; see $WORK/run-local.out" >&2; exit 1
}

stop_fresh_system() {
  # TERM, not INT: a background job of a non-interactive shell ignores SIGINT.
  kill -TERM "$SYSTEM" 2>/dev/null; wait "$SYSTEM" 2>/dev/null || true
  # Best effort, on a local RabbitMQ: remove this run's queues (the embedded broker's store is in $WORK).
  if command -v rabbitmqctl >/dev/null; then
    rabbitmqctl -q list_queues name 2>/dev/null | grep "^$ECOMNOW_MESSAGING_NAMESPACE\\." | while read -r q; do
      rabbitmqctl -q delete_queue "$q" < /dev/null > /dev/null 2>&1 || true
    done
  fi
  # H2's files grow by tens of KB per order under sustained load: one benchmark left 8-9 GB, and a dozen of them
  # filled the disk.
  [[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$WORK/data"
}
