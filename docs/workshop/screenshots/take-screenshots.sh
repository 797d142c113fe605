#!/usr/bin/env bash
# Takes the workshop's screenshots again, from a running system, with headless Chromium (Debian's `chromium`
# package; CHROMIUM names another) driven by playwright-core (npm). It puts the system into each lab's state
# first (a consumer stopped, a poison message, the broker away, a load test), so run it on a system you do not
# mind disturbing, from the clone's root:
#
#   docs/workshop/screenshots/take-screenshots.sh compose   with `docker compose up` running: RabbitMQ's UI,
#                                                           Prometheus, the Gatling reports
#   docs/workshop/screenshots/take-screenshots.sh local     with ./run-local.sh running: the embedded broker's UI
#
# Mailpit and Grafana are not shot: the machine this project is built on cannot run their images.
set -euo pipefail
cd "$(dirname "$0")/../../.."
HERE=docs/workshop/screenshots
MODE=${1:?compose or local}
source docs/workshop/lab-helpers.sh
export BROKER_PASSWORD=${RABBITMQ_ADMIN_PASSWORD:-$(sed -n 's/^RABBITMQ_ADMIN_PASSWORD=//p' .env)}
UI=http://localhost:${RABBITMQ_MANAGEMENT_PORT:-15672}

[[ -d "$HERE/node_modules/playwright-core" ]] || (cd "$HERE" && npm ci --no-audit --no-fund --silent)
shoot() { node "$HERE/shoot.mjs" "$HERE/$1" "${@:2}"; }

if [[ $MODE == compose ]]; then
  shoot rabbitmq-order-events-bindings.png "$UI/#/exchanges/ecomnow/order_events" rabbitmq bindings

  docker compose stop email-service
  for i in 1 2 3 4 5; do place_order screenshots@example.com PEN-001 > /dev/null; done
  sleep 7   # RabbitMQ's statistics interval
  shoot rabbitmq-queues-email-down.png "$UI/#/queues" rabbitmq
  docker compose up -d --wait email-service

  java docs/workshop/Broker.java publish '{"hello": "not an order"}'
  sleep 2
  shoot rabbitmq-dlq-message.png "$UI/#/queues/ecomnow/email_queue.dlq" rabbitmq get-message

  docker compose stop rabbitmq
  for i in $(seq 20); do place_order screenshots@example.com BAG-001 > /dev/null; sleep 1; done
  docker compose up -d --wait rabbitmq
  for i in $(seq 120); do [ "$(outbox_pending)" = 0 ] && break; sleep 1; done
  sleep 10
  shoot prometheus-outbox-pending.png \
    "http://localhost:${PROMETHEUS_PORT:-9090}/graph?g0.expr=ecomnow_outbox_pending&g0.tab=0&g0.range_input=5m"

  rm -rf load-test/reports
  LOAD_TEST_RATE=20 LOAD_TEST_DURATION=30 docker compose --profile load-test run --rm load-test > /dev/null 2>&1
  HEIGHT=1500 shoot gatling-report.png "file://$PWD/$(ls -d load-test/reports/orderplacementsimulation-*/index.html | tail -1)"
  EMAIL_SIMULATION_LATENCY=1s docker compose up -d --wait email-service
  LOAD_TEST_SIMULATION=SyncVsAsyncSimulation LOAD_TEST_RATE=5 LOAD_TEST_DURATION=20 \
    docker compose --profile load-test run --rm load-test > /dev/null 2>&1
  docker compose up -d --wait email-service
  HEIGHT=1500 shoot gatling-sync-vs-async.png "file://$PWD/$(ls -d load-test/reports/syncvsasyncsimulation-*/index.html | tail -1)"
else
  for i in 1 2 3; do place_order screenshots@example.com PEN-001 > /dev/null; done
  shoot qpid-queues.png "http://localhost:${ECOMNOW_BROKER_MANAGEMENT_PORT:-15672}/index.html" qpid qpid-queues
fi
