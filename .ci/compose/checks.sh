#!/usr/bin/env bash
# The checks of the compose CI run, against the stack run.sh brought up (same environment). Every check counts:
# an order must arrive once in each service, no more, no less. Load goes only to 127.0.0.1's published ports and
# to the compose network's own containers.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=.ci/compose
RUN=$(date +%s)
API=http://127.0.0.1:$ORDER_API_PORT
EMAIL=http://127.0.0.1:$EMAIL_SERVICE_PORT
INVENTORY=http://127.0.0.1:$INVENTORY_SERVICE_PORT
ANALYTICS=http://127.0.0.1:$ANALYTICS_SERVICE_PORT
PROMETHEUS=http://127.0.0.1:$PROMETHEUS_PORT

fail() { echo "FAILED: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
ip_of() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
container() { docker compose ps -q "$1" | head -1; }
# Waits up to $1 seconds for the command to succeed.
eventually() { local deadline=$((SECONDS + $1)); shift
  until "$@"; do (( SECONDS < deadline )) || return 1; sleep 1; done; }

place() { # email, sku, quantity -> prints the order id; fails unless 201
  local body status
  body=$(curl -s -w '\n%{http_code}' -X POST "$API/orders" -H 'Content-Type: application/json' \
    -d "{\"customerEmail\":\"$1\",\"items\":[{\"sku\":\"$2\",\"quantity\":$3}],\"paymentToken\":\"tok_visa\"}")
  status=${body##*$'\n'}
  [[ "$status" == 201 ]] || fail "POST /orders answered $status: ${body%$'\n'*}"
  json 'd["id"]' <<< "${body%$'\n'*}"
}
place_many() { # count, email, sku: orders placed 4 at a time
  seq "$1" | xargs -P 4 -I{} bash -c "$(declare -f place fail json); API=$API; place '$2' '$3' 1 >/dev/null"
}
available() { curl -fs "$INVENTORY/inventory/$1" | json 'd["available"]'; }
analytics_orders() { curl -fs "$ANALYTICS/analytics/summary" | json 'd["orders"]'; }
# Mails delivered over SMTP to the mail server for one recipient, read back over POP3 (LIST: a line per mail).
mails_for() { curl -s --max-time 5 "pop3://$(ip_of "$(container mailpit)"):1110/" -u "$1:any" | grep -c . || true; }
equals() { [[ "$($1 "$2")" == "$3" ]]; }

echo "-- memory of the idle stack (docker stats)"
# Not tee /dev/stderr: reopening stderr truncates a log file the caller redirected it to.
stats=$(docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' | sed 's/^ecomnow-ci-//')
echo "$stats" | sed 's/^/     /'
echo "$stats" | awk '{v=$2; u=v; gsub(/[0-9.]/,"",u); gsub(/[A-Za-z]/,"",v); m=(u=="GiB")?v*1024:(u=="KiB")?v/1024:v; t+=m}
                     END{printf "  total: %.0f MiB\n", t}'

echo "-- an order placed on the published port reaches email (over SMTP), inventory and analytics"
email="first-$RUN@example.com"
stock=$(available BOOK-003); facts=$(analytics_orders)
order=$(place "$email" BOOK-003 2)
eventually 60 equals mails_for "$email" 1 || fail "no mail for $email in the SMTP server"
subject=$(curl -s --max-time 5 "pop3://$(ip_of "$(container mailpit)"):1110/1" -u "$email:any" | grep '^Subject:')
[[ "$subject" == *"${order:0:8}"* ]] || fail "the mail's subject does not name order $order: $subject"
[[ $(curl -fs "$EMAIL/emails?orderId=$order" | json 'len(d), d[0]["delivery"]') == "1 smtp" ]] \
  || fail "email-service did not record one SMTP delivery for $order"
eventually 60 equals available BOOK-003 $((stock - 2)) || fail "BOOK-003 stock is $(available BOOK-003), expected $((stock - 2))"
[[ $(curl -fs "$INVENTORY/inventory/movements?orderId=$order" | json 'len(d)') == 1 ]] || fail "inventory movements of $order"
eventually 60 equals analytics_orders "" $((facts + 1)) || fail "analytics has $(analytics_orders) orders, expected $((facts + 1))"
ok "order $order: 1 mail ($subject), stock $stock -> $((stock - 2)), analytics $facts -> $((facts + 1))"

echo "-- RabbitMQ: no guest, each service only its own queues"
CP=$(mktemp)
# Not offline: on a fresh machine nothing before this has needed maven-dependency-plugin.
./mvnw -q -B -ntp -pl messaging dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP" \
  > "$CP.log" 2>&1 || { tail -20 "$CP.log"; fail "messaging's runtime classpath for the AMQP probe"; }
rabbit=$(ip_of "$(container rabbitmq)")
probe() { java -cp "$(cat "$CP")" "$HERE/AmqpProbe.java" "$rabbit" "$@" 2>/dev/null | grep -v -e SLF4J -e WARN; }
[[ $(probe guest guest login) == "refused: "*ACCESS_REFUSED* ]] || fail "guest could log in"
[[ $(probe admin "$RABBITMQ_ADMIN_PASSWORD" login) == ok ]] || fail "admin cannot log in"
out=$(probe email-service "$RABBITMQ_EMAIL_SERVICE_PASSWORD" read email_queue inventory_queue)
[[ "$out" == "email_queue ok"$'\n'"inventory_queue refused: "*ACCESS_REFUSED* ]] || fail "email-service's rights: $out"
out=$(probe order-api "$RABBITMQ_ORDER_API_PASSWORD" read email_queue inventory_queue analytics_queue \
  email_queue.dlq inventory_queue.dlq analytics_queue.dlq)
[[ $(grep -c 'refused: .*ACCESS_REFUSED' <<< "$out") == 6 ]] || fail "order-api could read a queue: $out"
ok "guest refused; email-service refused on inventory_queue; order-api refused on all 6 queues"

echo "-- admin endpoints need the admin's credentials"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$EMAIL/admin/dlq") == 401 ]] || fail "GET /admin/dlq without credentials"
[[ $(curl -s -o /dev/null -w '%{http_code}' -u "admin:$ECOMNOW_ADMIN_PASSWORD" "$EMAIL/admin/dlq") == 200 ]] \
  || fail "GET /admin/dlq with credentials"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$API/actuator/env") == 404 ]] || fail "actuator/env is exposed"
ok "401 without, 200 with; actuator shows only health, info, prometheus"

echo "-- Prometheus scrapes five targets; every dashboard query has data"
targets() { curl -fs "$PROMETHEUS/api/v1/targets" \
  | json '" ".join(sorted(t["labels"]["job"]+":"+t["health"] for t in d["data"]["activeTargets"]))'; }
# Functions, not test "$(targets)": eventually must ask Prometheus again on every try.
targets_are() { [[ "$(targets)" == "$1" ]]; }
replicas_up() { [[ "$(targets | grep -o "$1:up" | wc -l)" == "$2" ]]; }
want="analytics-service:up email-service:up inventory-service:up order-api:up rabbitmq:up"
eventually 60 targets_are "$want" || fail "targets: $(targets)"
place_many 20 "metrics-$RUN@example.com" PEN-002
sleep 15   # two scrapes and a rate window's worth of samples
python3 "$HERE/check-dashboard.py" live "$PROMETHEUS" || fail "a dashboard query returned nothing"
ok "$want"

echo "-- scale-out: 3 email-service, 2 inventory-service, 2 order-api replicas; 300 orders, each effect once"
docker compose up -d --wait --wait-timeout 300 --scale email-service=3 --scale inventory-service=2 \
  --scale order-api=2 >/dev/null 2>&1 || { docker compose ps -a; fail "scaling up"; }
processed() { # service -> "container=count" for every replica
  for c in $(docker compose ps -q "$1"); do
    echo "$c=$(curl -fs "http://$(ip_of "$c"):8080/actuator/prometheus" \
      | awk '/^ecomnow_consumer_messages_total\{.*outcome="processed"/{print int($2)}')"
  done; }
duplicates() {
  for s in email-service inventory-service analytics-service; do for c in $(docker compose ps -q "$s"); do
    curl -fs "http://$(ip_of "$c"):8080/actuator/prometheus" | awk '/^ecomnow_consumer_messages_total\{.*outcome="duplicate"/{print int($2)}'
  done; done | awk '{s+=$1} END{print s+0}'; }
eventually 60 replicas_up email-service 3 || fail "Prometheus does not see 3 email-service replicas: $(targets)"
email="scale-$RUN@example.com"
before_email=$(processed email-service); before_inventory=$(processed inventory-service)
stock=$(available NOTE-001); facts=$(analytics_orders); dup=$(duplicates)
served=$(seq 300 | xargs -P 4 -I{} curl -s -o /dev/null -D - -X POST "$API/orders" -H 'Content-Type: application/json' \
  -d "{\"customerEmail\":\"$email\",\"items\":[{\"sku\":\"NOTE-001\",\"quantity\":1}],\"paymentToken\":\"tok_visa\"}" \
  | tr -d '\r' | awk '/^HTTP/{s[$2]++} /^X-Served-By/{r[$2]++} END{for(k in s) print "status", k, s[k]; for(k in r) print "replica", k}')
[[ $(grep -c '^status' <<< "$served") == 1 && $(grep '^status' <<< "$served") == "status 201 300" ]] || fail "answers: $served"
[[ $(grep -c '^replica' <<< "$served") == 2 ]] || fail "both order-api replicas should answer: $served"
eventually 120 equals mails_for "$email" 300 || fail "$(mails_for "$email") mails for 300 orders"
eventually 60 equals available NOTE-001 $((stock - 300)) || fail "NOTE-001 stock $(available NOTE-001), expected $((stock - 300))"
eventually 60 equals analytics_orders "" $((facts + 300)) || fail "analytics has $(analytics_orders), expected $((facts + 300))"
sleep 5
[[ $(mails_for "$email") == 300 && $(available NOTE-001) == $((stock - 300)) ]] || fail "an effect happened twice"
[[ $(duplicates) == "$dup" ]] || fail "duplicates went from $dup to $(duplicates): an event was published twice"
for service in email-service inventory-service; do
  before=$([[ $service == email-service ]] && echo "$before_email" || echo "$before_inventory")
  for entry in $(processed "$service"); do
    old=$(grep "^${entry%%=*}=" <<< "$before" | cut -d= -f2); new=${entry#*=}
    (( new > ${old:-0} )) || fail "$service replica ${entry:0:12} processed none of the 300 (${old:-0} -> $new)"
  done
  echo "     $service per replica: $(processed "$service" | sed 's/^\(.\{12\}\)[^=]*/\1/' | tr '\n' ' ')"
done
ok "300 orders: 300 mails, 300 units, 300 facts, no duplicate; every replica took a share"
docker compose up -d --wait --wait-timeout 300 --scale email-service=1 --scale inventory-service=1 \
  --scale order-api=1 >/dev/null 2>&1 || fail "scaling back to one replica each"

echo "-- RabbitMQ stopped for 20 s while orders come in: every accepted order arrives afterwards"
email="outage-$RUN@example.com"
stock=$(available MUG-001); facts=$(analytics_orders)
docker compose stop rabbitmq >/dev/null 2>&1
accepted=0; deadline=$((SECONDS + 20))
while (( SECONDS < deadline )); do place "$email" MUG-001 1 >/dev/null; accepted=$((accepted + 1)); sleep 0.2; done
pending=$(curl -fs "http://$(ip_of "$(container order-api)"):8080/actuator/prometheus" | awk '/^ecomnow_outbox_pending /{print int($2)}')
docker compose start rabbitmq >/dev/null 2>&1
echo "     $accepted orders accepted while the broker was down (outbox pending on one replica: $pending)"
(( accepted > 20 )) || fail "only $accepted orders in 20 s"
eventually 180 equals mails_for "$email" "$accepted" || fail "$(mails_for "$email") mails for $accepted orders"
eventually 60 equals available MUG-001 $((stock - accepted)) || fail "MUG-001 stock $(available MUG-001), expected $((stock - accepted))"
eventually 60 equals analytics_orders "" $((facts + accepted)) || fail "analytics $(analytics_orders), expected $((facts + accepted))"
ok "$accepted orders during the outage: $accepted mails, $accepted units, $accepted facts"

echo "-- docker compose down and up: messages waiting in a queue survive (named volume, fixed hostname)"
email="kept-$RUN@example.com"
docker compose stop email-service >/dev/null 2>&1
for i in 1 2 3; do place "$email" PEN-001 1 >/dev/null; done
sleep 2   # the relay's confirms
docker compose down >/dev/null 2>&1
docker compose up -d --wait --wait-timeout 300 >/dev/null 2>&1 || { docker compose ps -a; fail "up after down"; }
eventually 120 equals mails_for "$email" 3 || fail "$(mails_for "$email") of 3 mails after down and up"
ok "3 orders queued for a stopped email-service, down, up: 3 mails"

echo "-- PostgreSQL restarted under load (the load-test service, Gatling inside the compose network): exact reconciliation"
# The fault report's compose row (docs/reliability.md): 30 orders/s for 30 s, PostgreSQL restarted 15 s in. Requests
# answered while it is down are refused (503, nothing stored); every 201 must reach each consumer exactly once.
rm -rf load-test/reports
log=$(mktemp)
LOAD_TEST_RATE=30 LOAD_TEST_DURATION=30 LOAD_TEST_MAX_P99=100000 LOAD_TEST_OPTS="-DreconcileTimeout=180" \
  docker compose --profile load-test run --rm load-test > "$log" 2>&1 &
load=$!
sleep 25   # the load-test container's start and Gatling's ramp take about 10 s
t0=$SECONDS
docker compose restart postgres >/dev/null 2>&1
eventually 120 curl -fs "$API/actuator/health" -o /dev/null || fail "order-api not healthy after PostgreSQL's restart"
echo "     PostgreSQL restarted; order-api healthy again $((SECONDS - t0)) s after the restart began"
wait "$load" || true
grep -E "^(accepted|unanswered|order-api|analytics|inventory|email) |RECONCILIATION" "$log" | sed 's/^/     /' | cut -c1-200
grep -q "RECONCILIATION PASSED" "$log" || { tail -60 "$log"; fail "reconciliation after PostgreSQL's restart"; }
report=$(ls -d load-test/reports/*/index.html 2>/dev/null | head -1)
[[ -n "$report" ]] || fail "no HTML report in load-test/reports"
ok "every accepted order applied exactly once by every consumer across PostgreSQL's restart; report: $report"
# The outbox sweep republishes what it could not mark while PostgreSQL was down, and the consumers skip those
# copies: wait for that to finish, so the labs that follow start on quiet queues.
queued() { curl -fs -u "admin:$RABBITMQ_ADMIN_PASSWORD" \
  "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/queues/ecomnow?columns=messages" | json 'sum(q.get("messages", 0) for q in d)'; }
outbox_pending() { curl -fs "http://$(ip_of "$(container order-api)"):8080/actuator/prometheus" \
  | awk '/^ecomnow_outbox_pending /{print int($2)}'; }
quiet() { [[ "$(outbox_pending)" == 0 && "$(queued)" == 0 ]]; }
eventually 300 quiet || fail "not quiet 5 min after the load: outbox $(outbox_pending), queued $(queued)"
sleep 3; eventually 60 quiet || fail "queues filled again: $(queued)"
ok "outbox and queues empty again"
