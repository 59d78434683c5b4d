#!/usr/bin/env bash
# Validation benchmark: a ROWS-row mentee base (default 1,000,000), measured in one run:
#   read   — `mentorbase inspect big.csv` (reads every row, no schema)
#   check  — `mentorbase validate big.csv --kind mentees` (reads and validates every row)
#   peer   — `frictionless validate big.csv --schema` with an equivalent schema (on FRICTIONLESS_ROWS rows,
#            default all; the per-row time is scaled to ROWS when fewer)
#   memory — peak RSS of each (GNU time)
# read and check run RUNS times each (default 3), alternating, and the best wall time of each counts; the CPU
# seconds (user + sys) of that run and the load average are printed beside it, since the machine is shared.
# Independent of any file reader: the validator over in-memory rows against a plain loop over them
# (`validate --bench-synthetic-rows`). Targets: check ≤ 2× read; check ≥ 5× faster than frictionless; memory flat.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-1000000}"
FRICTIONLESS_ROWS="${FRICTIONLESS_ROWS:-$ROWS}"
RUNS="${RUNS:-3}"
WORK="${WORK:-$(mktemp -d)}"
swift build -c release --product mentorbase >/dev/null
BIN="$(swift build -c release --show-bin-path)/mentorbase"

measure() {  # label, command...; prints label, wall seconds, CPU seconds, peak RSS (KiB), load average
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" || true
  local e u s m
  read -r e u s m < <(tail -1 "$WORK/time")
  echo "$label $e $(python3 -c "print(round($u + $s, 2))") $m $(cut -d' ' -f1 /proc/loadavg)"
}

echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "== in-memory rows (no file reading): validator vs a plain loop, $ROWS rows"
"$BIN" validate - --bench-synthetic-rows "$ROWS" --quiet | tee "$WORK/synthetic.json"

python3 Benchmarks/validate/generate_mentees.py "$ROWS" "$WORK/big.csv"
echo "== $ROWS rows, $(du -h "$WORK/big.csv" | cut -f1)"
if "$BIN" inspect "$WORK/big.csv" --quiet >/dev/null 2>"$WORK/probe"; then
  READ_S=""; CHECK_S=""
  for run in $(seq "$RUNS"); do
    read -r _ s c m l < <(measure read "$BIN" inspect "$WORK/big.csv" --quiet)
    echo "  run $run read:  ${s}s wall, ${c}s CPU, peak ${m} KiB, load $l"
    if [ -z "$READ_S" ] || python3 -c "import sys; sys.exit(not ($s < $READ_S))"; then READ_S=$s; READ_CPU=$c; READ_RSS=$m; fi
    read -r _ s c m l < <(measure check "$BIN" validate "$WORK/big.csv" --kind mentees --format json --max-errors 100 --quiet)
    echo "  run $run check: ${s}s wall, ${c}s CPU, peak ${m} KiB, load $l"
    if [ -z "$CHECK_S" ] || python3 -c "import sys; sys.exit(not ($s < $CHECK_S))"; then CHECK_S=$s; CHECK_CPU=$c; CHECK_RSS=$m; fi
  done
  head -c 200 "$WORK/out"; echo
  echo "read:  ${READ_S}s (best of $RUNS; ${READ_CPU}s CPU), peak ${READ_RSS} KiB"
  echo "check: ${CHECK_S}s (best of $RUNS; ${CHECK_CPU}s CPU), peak ${CHECK_RSS} KiB"
  echo "check/read = $(python3 -c "print(round($CHECK_S/$READ_S, 2))") wall, $(python3 -c "print(round($CHECK_CPU/$READ_CPU, 2))") CPU (target ≤ 2)"
else
  echo "read/check: skipped — this build cannot read CSV yet: $(head -c 200 "$WORK/probe")"
  CHECK_S=""
fi

if command -v frictionless >/dev/null; then
  "$BIN" schema mentees > "$WORK/mentees.schema.json"
  python3 Benchmarks/validate/frictionless_schema.py "$WORK/mentees.schema.json" "$WORK/big.csv" "$WORK/fl.schema.json"
  head -n "$((FRICTIONLESS_ROWS + 1))" "$WORK/big.csv" > "$WORK/fl.csv"
  # frictionless refuses absolute paths ("not safe"): run it inside the work folder.
  read -r _ FL_S FL_CPU FL_RSS FL_LOAD < <(cd "$WORK" && measure peer frictionless validate fl.csv --schema fl.schema.json --limit-errors 100)
  grep -E "VALID|INVALID" "$WORK/out" | head -1 || true
  FL_PER_ROW=$(python3 -c "print($FL_S / $FRICTIONLESS_ROWS)")
  echo "frictionless: ${FL_S}s on $FRICTIONLESS_ROWS rows (${FL_CPU}s CPU, load $FL_LOAD), peak ${FL_RSS} KiB (scaled to $ROWS rows: $(python3 -c "print(round($FL_PER_ROW*$ROWS,1))")s)"
  if [ -n "$CHECK_S" ]; then
    echo "frictionless/check = $(python3 -c "print(round($FL_PER_ROW*$ROWS/$CHECK_S, 1))") wall, $(python3 -c "print(round($FL_CPU/$FRICTIONLESS_ROWS*$ROWS/$CHECK_CPU, 1))") CPU (target ≥ 5)"
  fi
else
  echo "frictionless: not installed (pip install frictionless)"
fi
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK"
