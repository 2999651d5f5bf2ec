#!/usr/bin/env bash
# Installs what is missing, configures and builds into ./build (one build directory for all).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)" "$@"
