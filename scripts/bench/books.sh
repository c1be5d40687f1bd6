#!/usr/bin/env bash
# The books benchmark (issue 16): a release build of bahi on SQLite or PostgreSQL, a generated
# business with about a million journal lines (`bahi dev generate`: by default 12 months, December
# 2025 to November 2026, of 18,000 sales documents and 2,000 purchase bills, each posted as the
# use cases post it), then over HTTP: the trial balance, the profit and loss and the balance
# sheet of those twelve months (across two financial years),
# one page of the busiest customer's ledger, and the receivables ageing with every invoice open
# and with 19 in 20 settled — five timed requests each with curl after a warm-up, then wrk on
# one connection for the latency spread.
#
#   scripts/bench/books.sh sqlite|postgres
#
# MONTHS, INVOICES and BILLS change the volume, DURATION the wrk run (10 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
ENGINE=${1:?sqlite or postgres}
MONTHS=${MONTHS:-12}
INVOICES=${INVOICES:-18000}
BILLS=${BILLS:-2000}
DURATION=${DURATION:-10}
PORT=${PORT:-18082}
DIR=$(mktemp -d /tmp/bahi-books.XXXXXX)
[ -n "${SKIP_BUILD:-}" ] || cargo build --release -p bahi -q
BIN=target/release/bahi

case $ENGINE in
  sqlite) URL="sqlite://$DIR/bahi.db" ;;
  postgres)
    psql -q "postgres://postgres@127.0.0.1:5432/postgres" -c "DROP DATABASE IF EXISTS bahi_books WITH (FORCE)" -c "CREATE DATABASE bahi_books"
    URL="postgres://postgres@127.0.0.1:5432/bahi_books" ;;
  *) echo "sqlite or postgres" >&2; exit 2 ;;
esac

export DATABASE_URL=$URL PORT BAHI_BIND=127.0.0.1 BAHI_PUBLIC_URL="http://127.0.0.1:$PORT" BAHI_CONFIG=
$BIN migrate up >/dev/null
echo "== generating $MONTHS months of $INVOICES sales documents and $BILLS bills a month ($ENGINE)"
$BIN dev generate --last 2026-11 --months "$MONTHS" --invoices "$INVOICES" --bills "$BILLS" | tee "$DIR/generated.txt"
ORG=$(grep -o 'orgs/[0-9a-f-]*' "$DIR/generated.txt" | head -1 | cut -d/ -f2)
TOKEN=$(awk '/API token/ {print $3}' "$DIR/generated.txt")
QUERY="SELECT COUNT(*) FROM journal_lines"
BUSIEST="SELECT party_id FROM journal_lines WHERE party_id IS NOT NULL GROUP BY party_id ORDER BY COUNT(*) DESC LIMIT 1"
if [ "$ENGINE" = postgres ]; then
  psql -q "$URL" -c "VACUUM ANALYZE"
  LINES=$(psql -tA "$URL" -c "$QUERY")
  PARTY=$(psql -tA "$URL" -c "$BUSIEST")
  PARTY_LINES=$(psql -tA "$URL" -c "SELECT COUNT(*) FROM journal_lines WHERE party_id = '$PARTY'")
else
  LINES=$(sqlite3 "$DIR/bahi.db" "$QUERY")
  PARTY=$(sqlite3 "$DIR/bahi.db" "SELECT lower(hex(party_id)) FROM ($BUSIEST)" \
    | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12})$/\1-\2-\3-\4-\5/')
  PARTY_LINES=$(sqlite3 "$DIR/bahi.db" "SELECT COUNT(*) FROM journal_lines WHERE lower(hex(party_id)) = '${PARTY//-/}'")
fi
echo "journal lines: $LINES; the busiest customer has $PARTY_LINES"

$BIN serve >"$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done

BASE="/api/v1/orgs/$ORG/ledger"
cat >"$DIR/get.lua" <<LUA
request = function()
  return wrk.format("GET", os.getenv("REPORT_PATH"), { ["Authorization"] = "Bearer $TOKEN" })
end
LUA
measure() {
  local report=$1
  echo "== GET ledger/$report ($ENGINE, $LINES lines)"
  curl -fsS -o "$DIR/last.json" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$BASE/$report"
  for _ in 1 2 3 4 5; do
    curl -fsS -o /dev/null -w '%{time_total} s, %{size_download} bytes\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$BASE/$report"
  done
  REPORT_PATH="$BASE/$report" wrk -t1 -c1 -d"${DURATION}s" --latency -s "$DIR/get.lua" "http://127.0.0.1:$PORT" \
    | grep -E "Latency |50%|99%|requests in|Non-2xx"
}
for report in "trial-balance?from=2025-12-01&to=2026-11-30" "profit-and-loss?from=2025-12-01&to=2026-11-30" \
              "balance-sheet?as_of=2026-11-30" "parties/$PARTY?from=2025-12-01&to=2026-11-30&limit=50"; do
  measure "$report"
done
python3 - "$DIR/last.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print("party ledger page: %d rows, opening %s, closing %s" % (len(p["rows"]), p["opening"], p["closing"]))
PY
# The generator records no payments, so every invoice is open: the ageing's worst case. Then the
# usual case, 19 invoices in 20 settled (amount_paid set directly, for timing only).
measure "ageing?kind=receivables&as_of=2026-11-30"
if [ "$ENGINE" = postgres ]; then
  psql -q "$URL" -c "UPDATE sales_documents SET amount_paid = total - amount_credited WHERE status = 'issued' AND kind <> 'credit_note' AND abs(hashtext(id::text)) % 20 <> 0" \
    -c "VACUUM ANALYZE sales_documents"
else
  sqlite3 "$DIR/bahi.db" "UPDATE sales_documents SET amount_paid = total - amount_credited WHERE status = 'issued' AND kind <> 'credit_note' AND rowid % 20 <> 0"
fi
echo "== 19 in 20 invoices settled"
measure "ageing?kind=receivables&as_of=2026-11-30"
echo "data and logs: $DIR"
