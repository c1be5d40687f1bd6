#!/usr/bin/env bash
# The invoice load benchmark (issue 11): a release build of bahi on SQLite or PostgreSQL, wrk
# with 32 keep-alive connections and API tokens, creating and issuing 3-line invoices for one
# busy business and across 32, then fetching one invoice and listing 50; beside it, pgbench
# running the same statements as raw SQL (PostgreSQL only).
#
#   scripts/bench/run.sh sqlite|postgres      (DURATION=15 seconds per run by default)
#
# Needs wrk (Debian) and, for PostgreSQL, a server at 127.0.0.1:5432 (user postgres, trust).
set -euo pipefail
cd "$(dirname "$0")/../.."
ENGINE=${1:?sqlite or postgres}
DURATION=${DURATION:-15}
CONNS=32
PORT=${PORT:-18080}
DIR=$(mktemp -d /tmp/bahi-bench.XXXXXX)
export BENCH_DIR=$DIR
cargo build --release -p bahi -q
BIN=target/release/bahi

case $ENGINE in
  sqlite) URL="sqlite://$DIR/bahi.db" ;;
  postgres)
    psql -q "postgres://postgres@127.0.0.1:5432/postgres" -c "DROP DATABASE IF EXISTS bahi_bench WITH (FORCE)" -c "CREATE DATABASE bahi_bench"
    URL="postgres://postgres@127.0.0.1:5432/bahi_bench" ;;
  *) echo "sqlite or postgres" >&2; exit 2 ;;
esac

export DATABASE_URL=$URL PORT BAHI_BIND=127.0.0.1 BAHI_PUBLIC_URL="http://127.0.0.1:$PORT" BAHI_CONFIG=
# PostgreSQL: room for 32 clients, a pool as large as the load (its server allows 100). SQLite
# keeps the default pool (10): its writers queue anyway, and fewer connection threads leave the
# two cores to the work.
if [ "$ENGINE" = postgres ]; then export BAHI_DB_MAX_CONNECTIONS=${BAHI_DB_MAX_CONNECTIONS:-40}; fi
$BIN migrate up >/dev/null
$BIN serve >"$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done

python3 scripts/bench/setup.py "http://127.0.0.1:$PORT" 32 "$DIR"
run() {
  local name=$1; shift
  echo "== $name ($ENGINE, $CONNS connections, ${DURATION}s)"
  wrk -t2 -c$CONNS -d"${DURATION}s" --latency "$@" "http://127.0.0.1:$PORT" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors|requests in"
}
# One busy business: keep only its row.
ONE=$DIR/one
mkdir -p "$ONE"
python3 - "$DIR" <<'PY'
import sys, re
d = sys.argv[1]
text = open(f"{d}/orgs.lua").read()
rows = [l for l in text.splitlines() if l.strip().startswith("{ org")]
head = text.split("orgs = {")[0]
open(f"{d}/one/orgs.lua", "w").write(head + "orgs = {\n" + rows[0] + "\n} }\n")
PY
BENCH_DIR=$ONE run "create invoices, one business" -s scripts/bench/create.lua
run "create invoices, 32 businesses" -s scripts/bench/create.lua
BENCH_PATH=one run "fetch one invoice" -s scripts/bench/get.lua
BENCH_PATH=list run "list 50 invoices" -s scripts/bench/get.lua

if [ "$ENGINE" = postgres ]; then
  psql -q "$URL" -f scripts/bench/raw-setup.sql >/dev/null
  psql -q "$URL" -c "\\copy bench_orgs FROM '$DIR/orgs.tsv'" >/dev/null
  for orgs in 1 32; do
    echo "== raw SQL (pgbench), $orgs business(es)"
    pgbench -n -M prepared -c $CONNS -j 2 -T "$DURATION" -D orgs=$orgs -f scripts/bench/raw-invoice.sql "$URL" 2>&1 \
      | grep -E "tps|latency"
  done
fi
echo "server log: $DIR/server.log"
