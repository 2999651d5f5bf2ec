#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (what CI runs through .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 300
