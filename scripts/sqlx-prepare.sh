#!/usr/bin/env bash
# Regenerates (or with --check, verifies) the committed sqlx offline query data in crates/app/.sqlx
# against a scratch database built from migrations/local.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kanak-target}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export DATABASE_URL="sqlite://$scratch/prepare.db"
sqlx database create
sqlx migrate run --source "$ROOT/migrations/local" >/dev/null
cd "$ROOT/crates/app"
SQLX_OFFLINE=false cargo sqlx prepare "$@" -- --all-targets --quiet
