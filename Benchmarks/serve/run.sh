#!/usr/bin/env bash
# Web page benchmark (issue 8): time from posting a ROWS-row XLSX mentee base (default 10,000) to receiving its
# diagnostics page from `mentorbase serve`, against the peer `mentorbase validate FILE.xlsx --format json` on the
# same file in the same run (the page does that validation plus the preview and the HTML). Target: < 2 s.
# Repeats REPEAT times (default 3) and prints the load average beside each figure.
# MENTORBASE_BIN picks a built binary; otherwise a release build is made.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-10000}"
REPEAT="${REPEAT:-3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mentorbase-serve-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
if [ -n "${MENTORBASE_BIN:-}" ]; then
  BIN="$MENTORBASE_BIN"
else
  swift build -c release --product mentorbase >/dev/null
  BIN="$(swift build -c release --show-bin-path)/mentorbase"
fi
python3 Benchmarks/validate/generate_mentees.py "$ROWS" "$WORK/mentees.csv"
"$BIN" convert "$WORK/mentees.csv" "$WORK/mentees.xlsx" --quiet
# The same base with a mistake in every tenth row (an impossible date, a class that does not exist), so that
# the page has a long diagnostics table to build.
python3 - "$WORK/mentees.csv" "$WORK/faulty.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
for i, r in enumerate(rows[1:], 1):
    if i % 10 == 0:
        r[2], r[3] = "31.02.2011", "13Я"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PY
"$BIN" convert "$WORK/faulty.csv" "$WORK/mentees-faulty.xlsx" --quiet
echo "== $ROWS rows, $(du -h "$WORK/mentees.xlsx" | cut -f1) XLSX; binary: $BIN"
echo "-- clean"
python3 Benchmarks/serve/post_and_time.py "$BIN" "$WORK/mentees.xlsx" "$WORK" "$REPEAT"
echo "-- a mistake in every tenth row"
python3 Benchmarks/serve/post_and_time.py "$BIN" "$WORK/mentees-faulty.xlsx" "$WORK" "$REPEAT"
