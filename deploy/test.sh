#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (what CI runs through .ci/run).
# The suite runs beside a throwaway PostgreSQL (deploy/with-postgres.sh), so that the storage
# contract suites run against both backends.
# ESCBOT_TEST_ASAN=1 then builds the suite a second time with AddressSanitizer and
# UndefinedBehaviorSanitizer (preset "asan", ./build-asan, CMakePresets.json) and runs it there.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/build.sh
(cd build && ../deploy/with-postgres.sh ctest --output-on-failure -j "$(nproc)" --timeout 300)

if [ "${ESCBOT_TEST_ASAN:-0}" = 1 ]; then
  cmake --preset asan > /dev/null
  cmake --build build-asan -j "$(nproc)"
  deploy/with-postgres.sh ctest --preset asan -j "$(nproc)"
fi
