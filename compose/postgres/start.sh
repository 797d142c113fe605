#!/bin/bash
# PostgreSQL as the official image starts it, and then, on every start: one database and one user per service,
# each user's password set from the environment (.env). Changing a password in .env and running
# `docker compose up -d` is all it takes; nothing is kept from the first start.
set -euo pipefail
ready=/tmp/ecomnow-databases-ready
rm -f "$ready"
docker-entrypoint.sh "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' TERM INT

# Over TCP: during its first start the image runs a socket-only server for its own initialisation.
until pg_isready -q -h 127.0.0.1 -U "${POSTGRES_USER:-postgres}"; do
  kill -0 "$server" 2>/dev/null || { wait "$server"; exit $?; }
  sleep 1
done
service_database() { # database, user, password
  psql -q -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d postgres -v db="$1" -v user="$2" -v password="$3" <<'SQL'
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" LOGIN PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}
service_database orders order_api "${POSTGRES_ORDER_API_PASSWORD:?}"
service_database email email_service "${POSTGRES_EMAIL_SERVICE_PASSWORD:?}"
service_database inventory inventory_service "${POSTGRES_INVENTORY_SERVICE_PASSWORD:?}"
service_database analytics analytics_service "${POSTGRES_ANALYTICS_SERVICE_PASSWORD:?}"
touch "$ready"
echo "ecomnow: databases orders, email, inventory, analytics ready, passwords from the environment"

status=0
wait "$server" || status=$?
# A signal interrupts wait: wait again until the server has shut down.
while kill -0 "$server" 2>/dev/null; do wait "$server" || status=$?; done
exit "$status"
