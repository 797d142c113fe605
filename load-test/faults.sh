#!/usr/bin/env bash
# The fault report (docs/reliability.md): each fault injected into a fresh system while OrderPlacementSimulation
# places orders at a steady rate, then exact reconciliation (every order answered 201 reaches each consumer once,
# no effect twice; requests left unanswered are settled against order-api's own count). Then the malformed-input
# corpus (load-test/malformed-corpus.py).
#
#   load-test/faults.sh            every fault at 100 and 300 orders/s, on the machine's RabbitMQ and then on the
#                                  embedded broker (the broker faults only); prints one line per fault
#
# Faults, FAULT_AT s (20) into a LOAD s (75) run: broker-stop (stopped for 30 s, started again), broker-kill
# (kill -9, started again), email-kill, inventory-kill, analytics-kill, order-api-kill (kill -9, started again
# 5 s later). "recovered" is the time from the restart until the part answers again (health UP, broker port open).
#
# Environment: RATES ("100 300"), FAULTS (all), BROKERS ("rabbitmq embedded"), LOAD, FAULT_AT. Stopping or
# killing RabbitMQ needs root on a machine where it runs as a service (rabbitmqctl, rabbitmq-server); whatever
# this script stops it starts again, also when interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${RATES:-100 300}
FAULTS=${FAULTS:-broker-stop broker-kill email-kill inventory-kill analytics-kill order-api-kill}
BROKERS=${BROKERS:-rabbitmq embedded}
LOAD=${LOAD:-75}
FAULT_AT=${FAULT_AT:-20}
source load-test/fresh-system.sh

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_until() { # seconds command...: the seconds it took, or fails
  local start=$SECONDS limit=$1; shift
  until "$@"; do (( SECONDS - start < limit )) || return 1; sleep 0.5; done
  echo $(( SECONDS - start ))
}
healthy() { curl -sf "localhost:$1/actuator/health" 2>/dev/null | grep -q '"UP"'; }
declare -A PORT=([order-api]=8080 [email-service]=8081 [inventory-service]=8082 [analytics-service]=8083)

rabbit_up() {
  port_open 5672 && return 0
  if rabbitmqctl -q status >/dev/null 2>&1; then rabbitmqctl -q start_app >/dev/null 2>&1 || true
  else rabbitmq-server -detached >/dev/null 2>&1 || true; fi
  wait_until 120 port_open 5672 >/dev/null
}

# part: broker (the embedded one) or a service; run-local.sh's own start, with this run's data directory.
restart_part() { ECOMNOW_DATA_DIR="$WORK/data" ECOMNOW_LOG_DIR="$WORK/logs" ./run-local.sh start "$1" > /dev/null 2>&1 & }
kill_part() { kill -9 "$(cat "$WORK/data/run/$1.pid")"; }

inject() { # fault broker: prints the recovery time
  local fault=$1 broker=$2
  case "$fault:$broker" in
    broker-stop:rabbitmq)
      rabbitmqctl -q stop_app >/dev/null; sleep 30; rabbitmqctl -q start_app >/dev/null
      wait_until 120 port_open 5672 ;;
    broker-kill:rabbitmq)
      pkill -9 -f 'beam.smp.*rabbit' || true; sleep 2
      local t0=$SECONDS; rabbit_up; echo $(( SECONDS - t0 )) ;;
    broker-stop:embedded)
      ECOMNOW_DATA_DIR="$WORK/data" ./run-local.sh stop broker > /dev/null; sleep 30; restart_part broker
      wait_until 120 port_open "$BROKER_PORT" ;;
    broker-kill:embedded)
      kill_part broker; sleep 2; restart_part broker; wait_until 120 port_open "$BROKER_PORT" ;;
    *-kill:*)
      local part=${fault%-kill}; [[ $part == order-api ]] || part=$part-service
      kill_part "$part"; sleep 5; restart_part "$part"; wait_until 180 healthy "${PORT[$part]}" ;;
  esac
}

one_fault() { # fault broker rate
  local out="$WORK/$1-$3.out" recovered
  ./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.OrderPlacementSimulation \
    -DbaseUrl=http://localhost:8080 -Drate="$3" -Dduration="$LOAD" -DmaxP99=100000 -DreconcileTimeout=300 \
    -DshareConnections=true > "$out" 2>&1 &
  local load=$!
  sleep $(( FAULT_AT + 10 ))   # Gatling's own start-up and the ramp take about 10 s
  recovered=$(inject "$1" "$2" || echo "not within the limit")
  wait "$load" || true
  {
    echo "$1 on $2 at $3/s: recovered in ${recovered} s; $(python3 load-test/gatling-summary.py "$out")"
    sed -n '/EcomNow reconciliation/,/^RECONCILIATION/p' "$out" | grep -E "^(accepted|unanswered|order-api|analytics|inventory|email|RECONCILIATION)" \
      | sed 's/^/   /' | cut -c1-220
    grep -E "^  - " "$out" | sed 's/^/   /' | cut -c1-220 || true
  } | tee -a "$REPORT"
}

mkdir -p load-test/target
REPORT=load-test/target/faults-$(date +%Y%m%d-%H%M%S).txt
WORK="" SYSTEM=""
# Whatever happens, RabbitMQ is started again (start_fresh_system sets its own trap: set this one after it).
on_exit() { rabbit_up || true; [[ -z "$WORK" ]] || stop_fresh_system; }
trap on_exit EXIT
for broker in $BROKERS; do
  if [[ $broker == rabbitmq ]]; then
    rabbit_up
    export SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_PORT=5672 SPRING_RABBITMQ_USERNAME=guest SPRING_RABBITMQ_PASSWORD=guest
    faults=$FAULTS
  else
    unset SPRING_RABBITMQ_HOST SPRING_RABBITMQ_USERNAME SPRING_RABBITMQ_PASSWORD
    BROKER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export SPRING_RABBITMQ_PORT=$BROKER_PORT
    faults=$(tr ' ' '\n' <<< "$FAULTS" | grep '^broker-' | tr '\n' ' ' || true)
  fi
  [[ -n "$faults" ]] || continue
  for rate in $RATES; do
    start_fresh_system faults
    trap on_exit EXIT
    echo "== $broker, $rate orders/s: warm-up 30 s; logs in $WORK" | tee -a "$REPORT"
    ./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.OrderPlacementSimulation \
      -DbaseUrl=http://localhost:8080 -Drate="$rate" -Dduration=30 -DmaxP99=100000 -Dreconcile=false \
      -DshareConnections=true > "$WORK/warmup.out" 2>&1 || true
    for fault in $faults; do one_fault "$fault" "$broker" "$rate"; done
    if [[ $broker == rabbitmq && $rate == "${RATES%% *}" ]]; then
      python3 load-test/malformed-corpus.py --count "${CORPUS:-10000}" | tee -a "$REPORT" || true
    fi
    stop_fresh_system; WORK=""
  done
done
trap - EXIT
rabbit_up
echo "report: $REPORT"
