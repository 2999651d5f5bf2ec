#!/usr/bin/env bash
# Installs the Debian 12 packages that building, testing and running escalation-bot need.
# Idempotent: packages already present are skipped. apt-get only; nothing else is downloaded.
# --fuzz also installs clang and its runtime, whose libFuzzer builds tests/fuzz (tests/fuzz/README.md).
set -euo pipefail

packages=(
  build-essential cmake ccache pkg-config
  libboost-dev libssl-dev libcurl4-openssl-dev libsqlitecpp-dev libsqlite3-dev sqlite3
  libspdlog-dev nlohmann-json3-dev libtomlplusplus-dev libhowardhinnant-date-dev libcli11-dev
  libgtest-dev libgmock-dev tzdata ca-certificates curl graphviz
  libpq-dev postgresql  # the PostgreSQL backend; the server runs the suite (deploy/with-postgres.sh)
  docker-compose  # only to check deploy/compose.yaml in the suite (`config` needs no Docker daemon)
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)  # the runtime (libFuzzer, ASan) is only recommended
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
