#!/usr/bin/env bash
# Installs, builds and starts the bot in console mode on its embedded default (SQLite in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/build.sh --target escalation-bot
mkdir -p data
exec build/escalation-bot console "$@"
