#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, then runs them: Debian's chromium for the
# end-to-end tests (skipped when CHROMIUM_PATH points at another Chromium), the npm packages,
# and "npm test".
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${CHROMIUM_PATH:-}" ]] && ! command -v chromium >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing and apt-get is not available; install Chromium and set CHROMIUM_PATH." >&2
    exit 1
  fi
  sudo_command=()
  [[ "$(id -u)" -eq 0 ]] || sudo_command=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_command[@]}" apt-get update -qq
  "${sudo_command[@]}" apt-get install -y -qq chromium
fi

npm ci --no-fund --no-audit
npm test
