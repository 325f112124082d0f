#!/usr/bin/env bash
# Installs what is missing, builds the UI and starts Kanak on its embedded SQLite database.
# The data lives in the OS app-data dir (KANAK_DATA_DIR overrides it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
build_ui
cd "$ROOT"
# The database key lives in the OS keyring (Secret Service). A machine with no desktop session
# has none, and the app would refuse to create its database; for a trial there, keep the key in
# a plain file beside the database instead, and say loudly that this protects nothing.
if [ -z "${KANAK_INSECURE_KEYSTORE:-}" ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  data_dir="${KANAK_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/in.kanak.app}"
  mkdir -p "$data_dir"
  export KANAK_INSECURE_KEYSTORE="$data_dir/insecure-keys.json"
  echo "warning: no desktop keyring (no D-Bus session): the database key is kept in plain text in" >&2
  echo "         $KANAK_INSECURE_KEYSTORE — fine for a trial, never for a shop's real data" >&2
fi
exec cargo run --quiet --bin kanak-desktop
