#!/usr/bin/env bash
# Regenerates (or with --check, verifies) the committed sqlx offline query data:
#  - crates/app/.sqlx against a scratch SQLite database built from migrations/local;
#  - crates/hub/.sqlx against a throwaway PostgreSQL built from migrations/hub (Debian's
#    initdb/pg_ctl, as the postgres user when run as root), or a scratch database on the
#    server KANAK_TEST_DATABASE_URL names.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kanak-target}"
check=false
[ "${1:-}" = "--check" ] && check=true

scratch="$(mktemp -d /tmp/kanak-sqlx-XXXXXX)"
pg_ctl=""
cleanup() {
  if [ -n "$pg_ctl" ]; then $as_pg "$pg_ctl" -D "$scratch/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ -n "${external_db:-}" ]; then psql "$KANAK_TEST_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $external_db WITH (FORCE)" || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# --- the counters' SQLite queries (crates/app) ---
export DATABASE_URL="sqlite://$scratch/prepare.db"
sqlx database create
sqlx migrate run --source "$ROOT/migrations/local" >/dev/null
# Only the library and binaries: the app's tests use no query macros, and building them would
# check the hub's PostgreSQL queries (a dev-dependency of the sync tests) against this SQLite file.
(cd "$ROOT/crates/app" && SQLX_OFFLINE=false cargo sqlx prepare "$@" -- --lib --bins --quiet)

# --- the hub's PostgreSQL queries (crates/hub) ---
as_pg=""
if [ -n "${KANAK_TEST_DATABASE_URL:-}" ]; then
  external_db="kanak_prepare_$$"
  psql "$KANAK_TEST_DATABASE_URL" -q -c "CREATE DATABASE $external_db"
  hub_url="$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$KANAK_TEST_DATABASE_URL" "$external_db")"
else
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  [ -x "$bin/initdb" ] || { echo "no PostgreSQL binaries: apt-get install postgresql" >&2; exit 1; }
  if [ "$(id -u)" = 0 ]; then chown postgres: "$scratch"; as_pg="runuser -u postgres --"; fi
  $as_pg "$bin/initdb" -D "$scratch/pg" -U postgres --auth=trust --no-locale --no-sync -E UTF8 >/dev/null
  pg_ctl="$bin/pg_ctl"
  $as_pg "$pg_ctl" -D "$scratch/pg" -l "$scratch/pg.log" -w \
    -o "-k $scratch -c listen_addresses='' -F -c shared_buffers=16MB" start >/dev/null
  hub_url="postgres://postgres@localhost/postgres?host=$scratch"
fi
for migration in "$ROOT"/migrations/hub/*.sql; do
  psql "$hub_url" -q -v ON_ERROR_STOP=1 -f "$migration" >/dev/null
done

# The query macros write their data wherever SQLX_OFFLINE_DIR points when they run online;
# touching the sources makes cargo run them again.
out="$ROOT/crates/hub/.sqlx"
if $check; then out="$scratch/hub-sqlx"; else rm -rf "$out"; fi
mkdir -p "$out"
touch "$ROOT"/crates/hub/src/*.rs
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$out" DATABASE_URL="$hub_url" \
  cargo check --quiet -p kanak-hub --all-targets
if $check; then
  if ! diff -r "$out" "$ROOT/crates/hub/.sqlx" >/dev/null; then
    echo "crates/hub/.sqlx is out of date: run scripts/sqlx-prepare.sh" >&2
    diff -r "$out" "$ROOT/crates/hub/.sqlx" | head -20 >&2
    exit 1
  fi
fi
