#!/bin/sh
# CTest entry points for the SDK tests. "setup": npm ci (the fixture);
# "test": the node:test suites. Both exit 77 (CTest SKIP_RETURN_CODE) when
# node or npm is missing, and fail on anything else.
set -eu
cd "${0%/*}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node/npm not installed: SDK tests skipped (packaging/deps/install-debian.sh installs them)"
  exit 77
fi
case "${1:-}" in
  setup)
    npm ci --no-audit --no-fund --loglevel=error
    ;;
  test)
    : "${UNDERSTUDY_GATEWAY_BIN:?set UNDERSTUDY_GATEWAY_BIN to the understudy-gateway binary}"
    exec node --test --test-concurrency=1 --test-reporter=spec test/
    ;;
  *)
    echo "usage: $0 setup|test" >&2
    exit 2
    ;;
esac
