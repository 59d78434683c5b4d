#!/usr/bin/env bash
# Validation benchmark: a ROWS-row mentee base (default 1,000,000), measured in one run:
#   read   — `mentorbase inspect big.csv` (reads every row, no schema)
#   check  — `mentorbase validate big.csv --kind mentees` (reads and validates every row)
#   peer   — `frictionless validate big.csv --schema` with an equivalent schema (on FRICTIONLESS_ROWS rows,
#            default all; the per-row time is scaled to ROWS when fewer)
#   memory — peak RSS of each (GNU time)
# and, independent of any file reader, the validator over in-memory rows against a plain loop over them
# (`validate --bench-synthetic-rows`). Targets: check ≤ 2× read; check ≥ 5× faster than frictionless; memory flat.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-1000000}"
FRICTIONLESS_ROWS="${FRICTIONLESS_ROWS:-$ROWS}"
WORK="${WORK:-$(mktemp -d)}"
swift build -c release --product mentorbase >/dev/null
BIN="$(swift build -c release --show-bin-path)/mentorbase"

measure() {  # label, command...; prints seconds and peak RSS (KiB)
  local label="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/rss" "$@" >/dev/null 2>"$WORK/err" || true
  t1=$(date +%s.%N)
  local secs rss
  secs=$(python3 -c "print(round($t1 - $t0, 3))")
  rss=$(tail -1 "$WORK/rss")
  echo "$label $secs $rss"
}

echo "== in-memory rows (no file reading): validator vs a plain loop, $ROWS rows"
"$BIN" validate - --bench-synthetic-rows "$ROWS" --quiet | tee "$WORK/synthetic.json"

python3 Benchmarks/validate/generate_mentees.py "$ROWS" "$WORK/big.csv"
echo "== $ROWS rows, $(du -h "$WORK/big.csv" | cut -f1)"
if "$BIN" inspect "$WORK/big.csv" --quiet >/dev/null 2>"$WORK/probe"; then
  read -r _ READ_S READ_RSS < <(measure read "$BIN" inspect "$WORK/big.csv" --quiet)
  read -r _ CHECK_S CHECK_RSS < <(measure check "$BIN" validate "$WORK/big.csv" --kind mentees --format json --max-errors 100 --quiet)
  echo "read:  ${READ_S}s, peak ${READ_RSS} KiB"
  echo "check: ${CHECK_S}s, peak ${CHECK_RSS} KiB   (check/read = $(python3 -c "print(round($CHECK_S/$READ_S, 2))"), target ≤ 2)"
  head -c 300 "$WORK/err" || true
else
  echo "read/check: skipped — this build cannot read CSV yet: $(head -c 200 "$WORK/probe")"
  CHECK_S=""
fi

if command -v frictionless >/dev/null; then
  "$BIN" schema mentees > "$WORK/mentees.schema.json"
  python3 Benchmarks/validate/frictionless_schema.py "$WORK/mentees.schema.json" "$WORK/big.csv" "$WORK/fl.schema.json"
  head -n "$((FRICTIONLESS_ROWS + 1))" "$WORK/big.csv" > "$WORK/fl.csv"
  # frictionless refuses absolute paths ("not safe"): run it inside the work folder.
  read -r _ FL_S FL_RSS < <(cd "$WORK" && measure peer frictionless validate fl.csv --schema fl.schema.json --limit-errors 100)
  (cd "$WORK" && frictionless validate fl.csv --schema fl.schema.json --limit-errors 100 | grep -E "VALID|INVALID" | head -1)
  FL_PER_ROW=$(python3 -c "print($FL_S / $FRICTIONLESS_ROWS)")
  echo "frictionless: ${FL_S}s on $FRICTIONLESS_ROWS rows, peak ${FL_RSS} KiB (scaled to $ROWS rows: $(python3 -c "print(round($FL_PER_ROW*$ROWS,1))")s)"
  if [ -n "$CHECK_S" ]; then
    echo "frictionless/check = $(python3 -c "print(round($FL_PER_ROW*$ROWS/$CHECK_S, 1))") (target ≥ 5)"
  fi
else
  echo "frictionless: not installed (pip install frictionless)"
fi
rm -rf "$WORK"
