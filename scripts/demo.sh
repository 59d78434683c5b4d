#!/usr/bin/env bash
# The main job on the bundled Samples: sets up, builds, reads every sample (what it found, a JSON copy
# under out/), validates and imports the clean bases and consents into the embedded default store
# (./mentorbase.sqlite; running again changes nothing), then exports the official bases (XLSX), the
# public page for the school website (HTML, consent-checked) and the monitoring report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --product mentorbase 2>&1 | grep -E "error|warning: unre" || true
BIN="$(swift build --show-bin-path)/mentorbase"
[ -x "$BIN" ] || { echo "build failed" >&2; exit 3; }
mkdir -p out
# The example external plugin (Markdown tables, Python) joins the built-in formats.
export MENTORBASE_PLUGINS="$PWD/Samples/plugins${MENTORBASE_PLUGINS:+:$MENTORBASE_PLUGINS}"
echo "=== formats"
"$BIN" formats
shopt -s nullglob globstar
files=(Samples/**/*.csv Samples/**/*.xlsx Samples/**/*.json Samples/**/*.ndjson Samples/**/*.ods)
if [ "${#files[@]}" = 0 ]; then echo "no samples found under Samples/" >&2; exit 3; fi
status=0
for f in "${files[@]}"; do
  case "$f" in Samples/plugins/*) continue ;; esac
  echo "=== $f"
  "$BIN" inspect "$f" || status=$?
  name="$(basename "${f%.*}")"
  "$BIN" convert "$f" "out/$name.json" --quiet || status=$?
done
for f in Samples/plugins/*.md; do
  [ "$(basename "$f")" = README.md ] && continue
  echo "=== $f (external plugin)"
  "$BIN" inspect "$f" || status=$?
done
echo "=== converted to JSON: out/"
echo "=== import into ./mentorbase.sqlite (validated; all or nothing per file)"
for f in Samples/consents-clean.csv Samples/mentors-clean.csv Samples/mentees-clean.csv Samples/pairs-clean.csv; do
  "$BIN" import "$f" --quiet --as-of 01.10.2024 || status=$?
done
echo "=== a faulty file, planned only: the plan and the error workbook (exit 1 is expected: rows are rejected)"
"$BIN" import Samples/mentees-faulty-cp1251.csv --dry-run --as-of 01.10.2024 --quiet \
  --plan out/plan-mentees-faulty.xlsx --report out/mentees-faulty-errors.xlsx | tail -1 || true
echo "=== export"
"$BIN" export bases --view full --format xlsx -o out/bases.xlsx --date 2024-10-01 || status=$?
"$BIN" export mentors --view public --format html -o out/site.html --date 2024-10-01 || status=$?
"$BIN" export mentors --view public --format json -o out/site.json --date 2024-10-01 || status=$?
"$BIN" report --date 01.10.2024 || status=$?
echo "=== results in out/ and ./mentorbase.sqlite"
exit "$status"
