# Shell functions the labs use, so that their commands stay short. Load them in your lab terminal, from the
# clone's root:   source docs/workshop/lab-helpers.sh
# Each one is a plain curl against the services' HTTP APIs; read them, nothing is hidden here.

# The admin login of the services' /admin endpoints: user admin, the ECOMNOW_ADMIN_PASSWORD of .env.
# (The local run needs none, and ignores it.)
ADMIN="admin:${ECOMNOW_ADMIN_PASSWORD:-$(sed -n 's/^ECOMNOW_ADMIN_PASSWORD=//p' .env 2>/dev/null)}"

# place_order EMAIL SKU [QUANTITY]: POST /orders, prints the new order's id (or the error, and fails).
place_order() {
  local answer
  answer=$(curl -s -w '\n%{http_code}' -X POST localhost:8080/orders -H 'Content-Type: application/json' \
    -d "{\"customerEmail\":\"$1\",\"items\":[{\"sku\":\"$2\",\"quantity\":${3:-1}}],\"paymentToken\":\"tok_visa\"}")
  if [[ "${answer##*$'\n'}" != 201 ]]; then echo "POST /orders answered ${answer##*$'\n'}: ${answer%$'\n'*}" >&2; return 1; fi
  grep -o '"id":"[^"]*"' <<< "${answer%$'\n'*}" | head -1 | cut -d'"' -f4
}

# analytics_orders: how many orders analytics-service has recorded.
analytics_orders() { curl -s localhost:8083/analytics/summary | grep -o '"orders":[0-9]*' | cut -d: -f2; }

# stock SKU: the units of SKU inventory-service has available.
stock() { curl -s "localhost:8082/inventory/$1" | grep -o '"available":[0-9]*' | cut -d: -f2; }

# emails_for ORDER_ID: how many confirmation emails email-service has sent for that order.
emails_for() { curl -s "localhost:8081/emails?orderId=$1" | grep -o '"orderId":' | wc -l | tr -d ' '; }

# consumer_count SERVICE_PORT OUTCOME: a consumer's ecomnow_consumer_messages_total for one outcome
# (processed, duplicate, retried, dead_lettered), from its Prometheus endpoint.
consumer_count() {
  curl -s "localhost:$1/actuator/prometheus" \
    | awk -v o="outcome=\"$2\"" 'index($0, "ecomnow_consumer_messages_total{") == 1 && index($0, o) {print int($2)}'
}

# outbox_pending: events order-api has stored but the broker has not confirmed yet.
outbox_pending() { curl -s localhost:8080/actuator/prometheus | awk '/^ecomnow_outbox_pending /{print int($2)}'; }

# emails_per_order FILE: for the order ids in FILE (one per line), how many got how many emails.
emails_per_order() {
  while read -r order; do emails_for "$order"; done < "$1" \
    | awk '{n[$1]++} END {for (k in n) print n[k] " orders with " k " email(s)"}'
}
