#!/bin/bash
# What the official image's entrypoint does that EcomNow relies on: run the command as the rabbitmq user.
set -e
exec "$@"
