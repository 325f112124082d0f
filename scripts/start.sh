#!/usr/bin/env bash
# Installs what is missing, builds the UI and starts Kanak on its embedded SQLite database.
# The data lives in the OS app-data dir (KANAK_DATA_DIR overrides it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
build_ui
cd "$ROOT"
exec cargo run --quiet --bin kanak-desktop
