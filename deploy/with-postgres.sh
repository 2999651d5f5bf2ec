#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: initdb into a temporary directory as an
# unprivileged user, the server listening only on a private unix socket, one database, and
# ESCBOT_TEST_POSTGRES_URL set for the command. The server and its files are removed at the end,
# also when the command fails or the script is interrupted. Exits with the command's status.
#
#   deploy/with-postgres.sh ctest --output-on-failure
#
# Needs Debian's postgresql package (deploy/install-deps.sh). As root, the server runs as the
# `postgres` system user that the package creates (PostgreSQL refuses to run as root).
# ESCBOT_PG_BIN overrides where the server binaries are.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

bin="${ESCBOT_PG_BIN:-}"
if [ -z "$bin" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (install Debian's postgresql" \
       "package: deploy/install-deps.sh, or set ESCBOT_PG_BIN)" >&2
  exit 1
fi

as_server_user=()
owner="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres > /dev/null 2>&1; then
    echo "with-postgres: running as root needs the 'postgres' system user (Debian's" \
         "postgresql package creates it)" >&2
    exit 1
  fi
  owner=postgres
  as_server_user=(runuser -u postgres --)
fi

dir="$(mktemp -d /tmp/escbot-pg.XXXXXX)"
chmod 0755 "$dir"  # the command (maybe another user) must reach the socket
mkdir "$dir/data" "$dir/socket"
if [ "$owner" != "$(id -un)" ]; then chown "$owner" "$dir/data" "$dir/socket"; fi
port="${ESCBOT_PG_PORT:-5499}"

stop() {
  "${as_server_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_server_user[@]}" "$bin/initdb" -D "$dir/data" -U "$owner" --auth=trust -E UTF8 \
  --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

# No TCP listener (listen_addresses=''): only the private socket. fsync off: the data is thrown
# away at the end (ESCBOT_PG_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks).
# max_connections: ctest runs suites in parallel, each store with its pool.
# In the config file rather than on the command line, so that a test restarting the server with
# plain `pg_ctl start` gets the same settings.
cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir/socket'
port = $port
max_connections = 300
CONF
if [ "${ESCBOT_PG_DURABLE:-0}" != 1 ]; then
  printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >> "$dir/data/postgresql.conf"
fi
"${as_server_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start \
  > /dev/null || { cat "$dir/data/server.log" >&2; exit 1; }

"${as_server_user[@]}" "$bin/createdb" -h "$dir/socket" -p "$port" -U "$owner" escbot_test

export ESCBOT_TEST_POSTGRES_URL="postgresql:///escbot_test?host=$dir/socket&port=$port&user=$owner"
# Tests that stop and start the server (reconnection) use these: "$ESCBOT_TEST_POSTGRES_PG_CTL"
# -D "$ESCBOT_TEST_POSTGRES_DATA" -l "$ESCBOT_TEST_POSTGRES_DATA/server.log" -w start.
export ESCBOT_TEST_POSTGRES_DATA="$dir/data"
export ESCBOT_TEST_POSTGRES_PG_CTL="${as_server_user[*]:+${as_server_user[*]} }$bin/pg_ctl"
echo "with-postgres: PostgreSQL on $dir/socket (port $port), database escbot_test"

set +e
"$@"
status=$?
set -e
exit "$status"
