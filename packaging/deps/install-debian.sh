#!/usr/bin/env bash
# Installs what Understudy needs to build, test and package on Debian 12.
# Idempotent: packages already present are skipped; uses sudo when not root.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git file dpkg-dev
  # Qt 6 as Debian 12 ships it
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
  libqt6opengl6-dev libgl-dev libvulkan-dev libxkbcommon-dev
  # libraries
  nlohmann-json3-dev libhttp-parser-dev
  # the request log writer talks to SQLite directly (the same library Qt's
  # SQLite plugin uses)
  libsqlite3-dev
  # tcmalloc (gperftools): per-thread caches for the data plane's allocations
  libgoogle-perftools-dev
  # test and CI helpers
  xvfb xauth curl sqlite3 clang-format python3
  # tests/sdk: the official OpenAI and Anthropic SDKs against the gateway
  nodejs
)
# Debian's npm is a separate package; NodeSource's nodejs bundles npm and
# conflicts with it, so only ask for it when no npm is on the PATH.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

if [[ "${UNDERSTUDY_WITH_BENCH:-0}" == 1 ]]; then
  packages+=(wrk nginx-light haproxy util-linux imagemagick python3 curl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-debian: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  SUDO="sudo"
fi

echo "install-debian: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
