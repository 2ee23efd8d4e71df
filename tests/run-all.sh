#!/usr/bin/env bash
# Builds and runs the whole test suite: the dev build (engine, console,
# CLI, integration tests on loopback) and the engine tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer. Installs missing Debian
# packages first. Prints CTest's summary of each run and a combined line.
set -uo pipefail
cd "$(dirname "$0")/.."

packaging/deps/install-debian.sh || exit 1
export QT_QPA_PLATFORM=offscreen
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

passed=0
failed=0
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_preset() {
  local preset=$1
  echo "==> ${preset}: configure and build"
  cmake --preset "$preset" >/dev/null || return 1
  cmake --build --preset "$preset" -j "$(nproc)" || return 1
  echo "==> ${preset}: test"
  ctest --preset "$preset" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [[ -n "$line" ]]; then
    local f t
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    t=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
    passed=$((passed + t - f))
    failed=$((failed + f))
  fi
  return "$rc"
}

run_preset dev || status=1
run_preset asan || status=1

echo
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
