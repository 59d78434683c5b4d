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
echo "== $ROWS rows, $(du -h "$WORK/mentees.xlsx" | cut -f1) XLSX; binary: $BIN"
python3 Benchmarks/serve/post_and_time.py "$BIN" "$WORK/mentees.xlsx" "$WORK" "$REPEAT"
