#!/usr/bin/env bash
# The returns benchmark (issue 13): a release build of bahi on SQLite or PostgreSQL, a generated
# business (`bahi dev generate`: 100,000 sales documents with about 300,000 lines and 10,000
# purchase bills a month), then GSTR-1 (its JSON, as downloaded) and GSTR-3B for October 2026
# over HTTP: five timed requests each with curl after a warm-up, then wrk on one connection for
# the latency spread; and the server's peak memory (VmHWM) after building them.
#
#   scripts/bench/returns.sh sqlite|postgres [MONTHS]
#
# MONTHS=1 (default) fills October 2026 alone; MONTHS=12 fills November 2025 to October 2026
# in the same business, for how one month's time grows with a year beside it. INVOICES and
# BILLS change the volume a month, DURATION the wrk run (10 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
ENGINE=${1:?sqlite or postgres}
MONTHS=${2:-1}
INVOICES=${INVOICES:-100000}
BILLS=${BILLS:-10000}
DURATION=${DURATION:-10}
PORT=${PORT:-18081}
DIR=$(mktemp -d /tmp/bahi-returns.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || cargo build --release -p bahi -q
BIN=target/release/bahi

case $ENGINE in
  sqlite) URL="sqlite://$DIR/bahi.db" ;;
  postgres)
    psql -q "postgres://postgres@127.0.0.1:5432/postgres" -c "DROP DATABASE IF EXISTS bahi_returns WITH (FORCE)" -c "CREATE DATABASE bahi_returns"
    URL="postgres://postgres@127.0.0.1:5432/bahi_returns" ;;
  *) echo "sqlite or postgres" >&2; exit 2 ;;
esac

export DATABASE_URL=$URL PORT BAHI_BIND=127.0.0.1 BAHI_PUBLIC_URL="http://127.0.0.1:$PORT" BAHI_CONFIG=
$BIN migrate up >/dev/null
echo "== generating $MONTHS month(s) of $INVOICES sales documents and $BILLS bills ($ENGINE)"
$BIN dev generate --last 2026-10 --months "$MONTHS" --invoices "$INVOICES" --bills "$BILLS" | tee "$DIR/generated.txt"
ORG=$(grep -o 'orgs/[0-9a-f-]*' "$DIR/generated.txt" | head -1 | cut -d/ -f2)
TOKEN=$(awk '/API token/ {print $3}' "$DIR/generated.txt")
if [ "$ENGINE" = postgres ]; then psql -q "$URL" -c "VACUUM ANALYZE"; fi

$BIN serve >"$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
echo "server memory before: $(grep VmRSS /proc/$SERVER/status)"

BASE="http://127.0.0.1:$PORT/api/v1/orgs/$ORG/returns"
cat >"$DIR/get.lua" <<LUA
request = function()
  return wrk.format("GET", os.getenv("RETURN_PATH"), { ["Authorization"] = "Bearer $TOKEN" })
end
LUA
for ret in "gstr-1?period=2026-10&download=true" "gstr-3b?period=2026-10"; do
  echo "== GET returns/$ret ($ENGINE, $MONTHS month(s) in the database)"
  curl -fsS -o "$DIR/${ret%%\?*}.json" -H "Authorization: Bearer $TOKEN" "$BASE/$ret"
  for _ in 1 2 3 4 5; do
    curl -fsS -o /dev/null -w '%{time_total} s, %{size_download} bytes\n' -H "Authorization: Bearer $TOKEN" "$BASE/$ret"
  done
  RETURN_PATH="/api/v1/orgs/$ORG/returns/$ret" wrk -t1 -c1 -d"${DURATION}s" --latency -s "$DIR/get.lua" "http://127.0.0.1:$PORT" \
    | grep -E "Latency |50%|99%|requests in|Non-2xx"
done
echo "server peak memory: $(grep VmHWM /proc/$SERVER/status)"
python3 - "$DIR/gstr-1.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
count = lambda groups, key: sum(len(x[key]) for x in groups)
print("GSTR-1 holds: b2b %d invoices, b2cl %d, b2cs %d rows, exp %d, cdnr %d notes, cdnur %d, hsn %d rows"
      % (count(g["b2b"], "inv"), count(g["b2cl"], "inv"), len(g["b2cs"]), count(g["exp"], "inv"),
         count(g["cdnr"], "nt"), len(g["cdnur"]),
         sum(len(v) for k, v in g["hsn"].items() if isinstance(v, list))))
PY
echo "data and logs: $DIR"
