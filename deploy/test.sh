#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (what CI runs through .ci/run).
# ESCBOT_TEST_ASAN=1 then builds the suite a second time with AddressSanitizer and
# UndefinedBehaviorSanitizer (preset "asan", ./build-asan, CMakePresets.json) and runs it there.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/build.sh
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 300)

if [ "${ESCBOT_TEST_ASAN:-0}" = 1 ]; then
  cmake --preset asan > /dev/null
  cmake --build build-asan -j "$(nproc)"
  ctest --preset asan -j "$(nproc)"
fi
