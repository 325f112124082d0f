#!/usr/bin/env bash
# Issue #9's sync, hub, cold start and memory figures (docs/PERFORMANCE.md says how each is taken).
#
#   scripts/bench-sync.sh [SHOP]
#
# SHOP: a data dir with a shop, its key in SHOP/test-keys.json (default: a fresh
# `kanak demo --customers ${KANAK_BENCH_CUSTOMERS:-2000}` in a temp dir). The sync bench enrolls
# it with a throwaway hub and adds payments to it, so the desktop figures run on a copy made first.
# Release builds of the counter side (the bench, which is the app's own sync code) and of
# kanak-hub (run as its own process); the desktop app is the debug build the e2e tests use.
# Set KANAK_BENCH_SKIP_DESKTOP=1 to skip the Xvfb figures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
cd "$ROOT"
export SQLX_OFFLINE=true

echo "==> machine: $(nproc) cores, $(uptime)"
cargo build --release --quiet -p kanak-cli -p kanak-hub --bins
cargo build --release --quiet -p kanak-app --features sync-bench --example sync_bench
REL="$CARGO_TARGET_DIR/release"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SHOP="${1:-}"
if [ -z "$SHOP" ]; then
  SHOP="$WORK/shop"
  echo "==> building the demo shop (${KANAK_BENCH_CUSTOMERS:-2000} customers)"
  KANAK_INSECURE_KEYSTORE="$SHOP/test-keys.json" \
    "$REL/kanak" --data-dir "$SHOP" demo --customers "${KANAK_BENCH_CUSTOMERS:-2000}"
fi

if [ "${KANAK_BENCH_SKIP_DESKTOP:-0}" != 1 ]; then
  # The database key is named after the data dir's path, so the copy gets the key file under the new name.
  DESKTOP_SHOP="$WORK/desktop-shop"
  cp -r "$SHOP" "$DESKTOP_SHOP"
  python3 - "$SHOP" "$DESKTOP_SHOP" <<'EOF'
import hashlib, json, os, sys
src, dst = (os.path.realpath(p) for p in sys.argv[1:])
keys = json.load(open(os.path.join(dst, "test-keys.json")))
def name(path):
    return "database-key." + hashlib.sha256(path.encode()).hexdigest()[:16]
if name(src) in keys:
    keys[name(dst)] = keys[name(src)]
json.dump(keys, open(os.path.join(dst, "test-keys.json"), "w"))
EOF
fi

echo "==> sync: initial, incremental, 200 counters at once (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
KANAK_INSECURE_KEYSTORE="$SHOP/test-keys.json" \
  "$REL/examples/sync_bench" --shop "$SHOP" --hub-bin "$REL/kanak-hub" "${@:2}"
echo "    (load after: $(cut -d' ' -f1-3 /proc/loadavg))"

if [ "${KANAK_BENCH_SKIP_DESKTOP:-0}" != 1 ]; then
  echo "==> desktop: cold start and memory under Xvfb (debug build with the bundled UI)"
  (cd ui && npm run --silent build)
  cargo build --quiet --bin kanak-desktop
  KANAK_PERF_SHOP="$DESKTOP_SHOP" node tests/perf/desktop.mjs
fi
