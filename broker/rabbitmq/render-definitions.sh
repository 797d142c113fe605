#!/bin/bash
# Writes /etc/rabbitmq/definitions.json from the template, with each ${RABBITMQ_..._PASSWORD} replaced by the
# value from the environment (docker compose takes them from .env), then starts the image's own entrypoint.
# RabbitMQ hashes a plain "password" when it imports the file, so changing a password in .env is all it takes.
set -euo pipefail
definitions=/etc/rabbitmq/definitions.json
text=$(< /etc/rabbitmq/definitions.template.json)
for name in $(grep -o '\${RABBITMQ_[A-Z_]*_PASSWORD}' <<< "$text" | sort -u | tr -d '${}'); do
  value=${!name:-}
  [[ -n "$value" ]] || { echo "$name is not set (it comes from .env)" >&2; exit 1; }
  value=${value//\\/\\\\}; value=${value//\"/\\\"}   # as a JSON string
  text=${text//"\${$name}"/"$value"}
done
printf '%s\n' "$text" > "$definitions"
chmod 600 "$definitions"
[[ $(id -u) -eq 0 ]] && chown rabbitmq:rabbitmq "$definitions"
exec docker-entrypoint.sh "$@"
