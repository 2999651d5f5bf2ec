#!/usr/bin/env bash
# Runs a benchmark command against the bot on PostgreSQL: a throwaway server with PostgreSQL's
# durable defaults (fsync on, deploy/with-postgres.sh with ESCBOT_PG_DURABLE=1), DATABASE_URL set
# for the command (escbot-bench and ../shared/bench/run.sh start the bot with it), and at the end
# the CPU seconds the database server spent meanwhile, which the bot's own CPU figures leave out.
#
#   tests/bench/postgres-bench.sh build/tests/bench/escbot-bench --concurrency 64
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")/../.." && pwd)"
export ESCBOT_PG_DURABLE=1
exec "$here/deploy/with-postgres.sh" bash -c '
  # The postmaster and every process it started: its own time, its reaped children (backends of
  # closed connections) and the ones still running.
  server_ticks() {
    local main; main="$(head -n 1 "$ESCBOT_TEST_POSTGRES_DATA/postmaster.pid")"
    local total; total=$(awk "{print \$14 + \$15 + \$16 + \$17}" "/proc/$main/stat")
    for child in $(cat "/proc/$main/task/$main/children"); do
      total=$((total + $(awk "{print \$14 + \$15}" "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
  }
  before=$(server_ticks)
  export DATABASE_URL="$ESCBOT_TEST_POSTGRES_URL"
  set +e; "$@"; status=$?; set -e
  sleep 1  # the last backends exit and are reaped
  after=$(server_ticks)
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    "BEGIN { printf \"PostgreSQL server CPU during the run: %.2f s\\n\", t / hz }"
  exit "$status"
' postgres-bench "$@"
