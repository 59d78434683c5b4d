#!/usr/bin/env bash
# Writes every export (kind × view × format) of two small stores into a folder, so that two builds
# can be compared file by file (a speed change must not change a byte of any export):
#   bash Benchmarks/export/snapshot.sh MENTORBASE OUT_DIR
#   diff -r OLD_DIR NEW_DIR          (XLSX files are unpacked: their timestamps are left out)
# The stores: the export tests' fixtures (consents, revocations, minors, hostile text) and the
# clean Samples imported together; the benchmark's generated mentees (2,000 rows).
set -euo pipefail
MB=$1
OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/mentorbase-export-snapshot-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

FIX=$ROOT/Tests/ExportTests/Fixtures
for kind in mentors mentees consents pairs; do
  "$MB" import --canonical "$FIX/$kind.csv" --kind "$kind" --store "$WORK/fixtures.sqlite" --format json >/dev/null || true
done
for kind in mentors mentees pairs consents; do
  "$MB" import "$ROOT/Samples/$kind-clean.csv" --kind "$kind" --store "$WORK/samples.sqlite" --format json >/dev/null || true
done
for q in mentor-questionnaire-google mentee-questionnaire-yandex monitoring-questionnaire; do
  "$MB" import "$ROOT/Samples/$q.csv" --store "$WORK/samples.sqlite" --format json >/dev/null || true
done
python3 "$HERE/gen_mentees.py" 2000 "$WORK/gen.csv"
"$MB" import "$WORK/gen.csv" --kind mentees --store "$WORK/gen.sqlite" --format json >/dev/null

for store in fixtures samples gen; do
  for date in 2023-05-20 2025-01-15; do
    for kind in mentors mentees pairs consents questionnaires bases; do
      for view in full public monitoring; do
        for fmt in csv xlsx json ndjson html; do
          name="$store-$date-$kind-$view.$fmt"
          "$MB" export "$kind" --view "$view" --format "$fmt" -o "$OUT/$name" --store "$WORK/$store.sqlite" \
            --date "$date" -q >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" && echo 0 >"$OUT/$name.rc" || echo $? >"$OUT/$name.rc"
          if [ -f "$OUT/$name" ] && [ "$fmt" = xlsx ]; then
            mkdir "$OUT/$name.d"
            (cd "$OUT/$name.d" && unzip -q "../$name" && rm -f docProps/core.xml)
            rm "$OUT/$name"
          fi
        done
      done
    done
  done
done
echo "$(find "$OUT" -type f | wc -l) files in $OUT"
