#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing. Safe to run again.
#   scripts/ensure-tools.sh wasm        the wasm32 target and the pinned wasm-bindgen CLI
#   scripts/ensure-tools.sh chromium    Debian's Chromium and ChromeDriver, and python3 (the test
#                                       server), from apt (as root, or with sudo)
#   scripts/ensure-tools.sh node        the npm packages of package-lock.json (npm ci), when
#                                       node_modules is missing or older than the lock
# Works without a terminal (CI=true, no stdin).
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
  # The page's module builds its standard library for size (see the Makefile).
  if ! rustup component list --installed | grep -qx rust-src; then
    echo "installing the rust-src component" >&2
    rustup component add rust-src
  fi
  local want have
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || { echo "wasm-bindgen is not in Cargo.lock" >&2; exit 1; }
  have="$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)"
  # The same crate installs the test runner (cargo's runner for wasm32, see .cargo/config.toml).
  if [ "$have" != "$want" ] || [ ! -x "$TOOLS/bin/wasm-bindgen-test-runner" ]; then
    # Built once per machine and version into a cache outside the checkout, so that fresh
    # clones (CI) link to it instead of compiling it again.
    local cache="${THRESH_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/thresh}/wasm-bindgen-cli-$want"
    if [ "$("$cache/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)" != "$want" ] \
      || [ ! -x "$cache/bin/wasm-bindgen-test-runner" ]; then
      echo "installing wasm-bindgen-cli $want into $cache (a few minutes, once per machine)" >&2
      # --locked fails on this registry (a locked dependency of the CLI is missing).
      cargo install wasm-bindgen-cli --version "$want" --root "$cache" --force
    fi
    rm -rf "$TOOLS"
    mkdir -p "$TOOLS"
    ln -s "$cache/bin" "$TOOLS/bin"
  fi
}

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install $*" >&2; exit 1; }
    sudo="sudo -n"
  fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" </dev/null >/dev/null
}

ensure_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v python3 >/dev/null || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing from apt: ${missing[*]}" >&2
  apt_install "${missing[@]}"
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "Node.js 20 or later (with npm) is needed and is not installed" >&2
    exit 1
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "Node.js 20 or later is needed; this is $(node --version)" >&2
    exit 1
  fi
  # npm ci writes node_modules/.package-lock.json; a newer lock means a changed dependency.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
    [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ]; then
    echo "installing npm packages (npm ci)" >&2
    npm ci --no-audit --no-fund --loglevel=error </dev/null
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
