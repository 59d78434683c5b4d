#!/usr/bin/env bash
# The main job on the bundled Samples: sets up, builds, then reads every sample, reports what it
# found and converts it to JSON under out/. (Import into the SQLite store and the exports join this
# job as those parts land.)
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
exit "$status"
