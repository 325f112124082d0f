#!/usr/bin/env bash
# The benchmark figures of docs/PERFORMANCE.md (issue #9), on the 100,000-customer shop.
# Builds release, generates the shop into a temporary directory and runs each part in turn,
# printing every figure. Run it on a quiet machine; the load average is printed first.
#   scripts/bench.sh                 # 100k customers, seed 1
#   CUSTOMERS=2000 SEED=3 scripts/bench.sh
#   LEDGERS=10000 scripts/bench.sh   # the 10,000-ledger figure measured, not extrapolated
# Later parts (sync, hub, cold start, memory) append below the app-side part.
set -euo pipefail
cd "$(dirname "$0")/.."

CUSTOMERS="${CUSTOMERS:-100000}"
SEED="${SEED:-1}"
ITERATIONS="${ITERATIONS:-50}"
PAYMENTS="${PAYMENTS:-300}"
LEDGERS="${LEDGERS:-500}"
export SQLX_OFFLINE=true

echo "==> machine: $(nproc) cores; $(uptime)"
echo "==> release build of the command line"
cargo build --release --quiet -p kanak-cli
KANAK="${CARGO_TARGET_DIR:-target}/release/kanak"

SHOP="$(mktemp -d -t kanak-bench-XXXXXX)"
trap 'rm -rf "$SHOP"' EXIT
# No desktop keyring needed: the shop's database key goes to a test-only file beside it.
export KANAK_INSECURE_KEYSTORE="$SHOP/keystore"

echo "==> generator: $CUSTOMERS customers, seed $SEED"
"$KANAK" --data-dir "$SHOP/shop" demo --customers "$CUSTOMERS" --seed "$SEED"
du -sh "$SHOP/shop"

echo "==> app-side benchmarks (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$KANAK" --data-dir "$SHOP/shop" bench --iterations "$ITERATIONS" --payments "$PAYMENTS" --ledgers "$LEDGERS"
echo "==> load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- sync, hub, cold start and memory (issue #9, the other half) go below this line ---
