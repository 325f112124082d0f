#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, run and test Kanak.
# Idempotent and quiet when everything is present. Sourced by start.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kanak-target}"

APT_PACKAGES=(
  # Tauri on Linux
  build-essential pkg-config libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev libxdo-dev file
  # the window's fonts: Latin and Devanagari (Hindi names)
  fonts-noto-core
  # end-to-end tests: a virtual display and WebKit's WebDriver
  xvfb xauth webkit2gtk-driver
  # store tests inspect and tamper with the database; PDF checks
  sqlite3 poppler-utils qpdf
  # the sync hub's database, and the throwaway servers its tests start (initdb, pg_ctl)
  postgresql
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_cargo_tools() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
  if ! command -v tauri-driver >/dev/null; then
    echo "==> installing tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
  if ! command -v cargo-deny >/dev/null; then
    echo "==> installing cargo-deny (licences and advisories)"
    cargo install cargo-deny --locked --quiet
  fi
  if ! command -v sqlx >/dev/null; then
    echo "==> installing sqlx-cli (offline query data check)"
    cargo install sqlx-cli --version 0.8.6 --locked --quiet --no-default-features --features sqlite,rustls
  fi
}

install_node_modules() {
  command -v npm >/dev/null || { echo "node and npm are missing: install Node.js 20+ first" >&2; exit 1; }
  # npm ci rejects the lock file this npm writes; npm install honours it.
  (cd "$ROOT/ui" && npm install --no-audit --no-fund --loglevel=error)
}

build_ui() {
  (cd "$ROOT/ui" && npm run --silent build)
}

install_apt_packages
install_cargo_tools
install_node_modules
