#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing. Safe to run again.
#   scripts/ensure-tools.sh wasm        the wasm32 target and the pinned wasm-bindgen CLI
#   scripts/ensure-tools.sh chromium    Debian's Chromium and ChromeDriver (as root)
#   scripts/ensure-tools.sh node        the npm packages of package.json (offline-safe, from the lock)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.tools"

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "installing the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || { echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; }
  have="$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    echo "installing wasm-bindgen-cli $want into .tools (a few minutes, once)" >&2
    # --locked fails on this registry (a locked dependency of the CLI is missing).
    cargo install wasm-bindgen-cli --version "$want" --root "$TOOLS" --force
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  echo "installing Debian's chromium and chromium-driver" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}

ensure_node() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "installing npm packages" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

for what in "$@"; do
  case "$what" in
    wasm) ensure_wasm ;;
    chromium) ensure_chromium ;;
    node) ensure_node ;;
    *) echo "unknown tool group: $what" >&2; exit 1 ;;
  esac
done
