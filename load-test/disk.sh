#!/usr/bin/env bash
# Issue 14's disk case: a fresh system takes ORDERS orders (100000) at RATE/s (300), and the four H2 databases'
# size is divided by the orders, once every consumer has applied them all.
#
#   load-test/disk.sh                          the default H2 settings
#   H2_SETTINGS=";PAGE_SIZE=4096" load-test/disk.sh   with settings appended to each service's H2 URL
#
# Environment: ORDERS, RATE, JAVA_HOME, and anything run-local.sh reads (SPRING_RABBITMQ_*, ECOMNOW_*).
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${ORDERS:-100000}
RATE=${RATE:-300}
source load-test/fresh-system.sh
source docs/workshop/lab-helpers.sh

urls=()
if [[ -n "${H2_SETTINGS:-}" ]]; then
  # ${ECOMNOW_DATA_DIR} is left for Spring to resolve, in each service's own environment.
  h2='jdbc:h2:file:${ECOMNOW_DATA_DIR}'
  urls=("ORDER_API_DB_URL=$h2/order-api/orders;WRITE_DELAY=0;AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000$H2_SETTINGS"
    "EMAIL_SERVICE_DB_URL=$h2/email-service/email;WRITE_DELAY=0;LOCK_TIMEOUT=10000$H2_SETTINGS"
    "INVENTORY_SERVICE_DB_URL=$h2/inventory-service/inventory;WRITE_DELAY=0;LOCK_TIMEOUT=10000$H2_SETTINGS"
    "ANALYTICS_SERVICE_DB_URL=$h2/analytics-service/analytics;WRITE_DELAY=0;LOCK_TIMEOUT=10000$H2_SETTINGS")
fi
start_fresh_system disk "${urls[@]}"
duration=$(( (ORDERS + RATE - 1) / RATE ))
echo "== $ORDERS orders at $RATE/s ($duration s), H2 settings '${H2_SETTINGS:-}'; logs in $WORK"
./mvnw -q -B -pl load-test gatling:test -Dgatling.simulationClass=com.ecomnow.loadtest.OrderPlacementSimulation \
  -DbaseUrl=http://localhost:8080 -Drate="$RATE" -Dduration="$duration" -DmaxP99=100000 -DshareConnections=true \
  -DreconcileTimeout=300 > "$WORK/orders.out" 2>&1 || true
echo "orders: $(python3 load-test/gatling-summary.py "$WORK/orders.out")"
grep -E "RECONCILIATION" "$WORK/orders.out" || true
orders=$(analytics_orders)
kb=$(du -sk "$WORK"/data/{order-api,email-service,inventory-service,analytics-service} | awk '{ s += $1 } END { print s }')
du -sh "$WORK"/data/{order-api,email-service,inventory-service,analytics-service} | sed 's/^/   /'
echo "disk: $orders orders, H2 databases $kb KB: $(( kb * 1024 / (orders > 0 ? orders : 1) )) bytes per order"
