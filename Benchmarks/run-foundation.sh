#!/usr/bin/env bash
# Foundation benchmark (issue 2): CSV reading and CSV → NDJSON conversion on a large Cyrillic CSV,
# against peers run in the same go: raw libcsv parsing (C) and Python's csv + json.
#   bash Benchmarks/run-foundation.sh [ROWS]      (default 1,000,000 rows × 13 columns)
# Prints seconds and peak memory (best of 3 runs each) and the ratios the issue sets targets for.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
RUNS="${RUNS:-3}"
D=Benchmarks/data
mkdir -p "$D"
bash scripts/setup.sh
CSV="$D/mentees-$ROWS.csv"
[ -f "$CSV" ] || python3 Benchmarks/gen_big_csv.py "$ROWS" "$CSV"
gcc -O2 -o "$D/libcsv_parse" Benchmarks/peers/libcsv_parse.c -lcsv
swift build -c release --product mentorbase >/dev/null 2>&1 || swift build -c release --product mentorbase
swift build -c release --product mentorbase-bench >/dev/null 2>&1 || swift build -c release --product mentorbase-bench
BIN="$(swift build -c release --show-bin-path)"

# best SECONDS and its peak RSS (MB) over $RUNS runs of a command
best() {
  local best_s="" best_m=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$D/time.txt" "$@" >/dev/null
    read -r s m < "$D/time.txt"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_m=$m; fi
  done
  echo "$best_s $((best_m / 1024))"
}

size_mb=$(du -m "$CSV" | cut -f1)
echo "input: $CSV ($ROWS rows × 13 columns, ${size_mb} MB, UTF-8, ';'); best of $RUNS runs"
read -r t_libcsv m_libcsv < <(best "$D/libcsv_parse" "$CSV" ";")
read -r t_read m_read < <(best "$BIN/mentorbase-bench" read "$CSV")
read -r t_conv m_conv < <(best "$BIN/mentorbase" convert "$CSV" "$D/out.ndjson" --quiet)
read -r t_py m_py < <(best python3 Benchmarks/peers/csv_to_ndjson.py "$CSV" "$D/out-py.ndjson")
printf "%-44s %8s %9s\n" "what" "seconds" "peak MB"
printf "%-44s %8s %9s\n" "libcsv raw parse (C, callbacks only)" "$t_libcsv" "$m_libcsv"
printf "%-44s %8s %9s\n" "mentorbase CSV read (every cell)" "$t_read" "$m_read"
printf "%-44s %8s %9s\n" "mentorbase convert csv → ndjson" "$t_conv" "$m_conv"
printf "%-44s %8s %9s\n" "python csv + json → ndjson" "$t_py" "$m_py"
awk -v a="$t_py" -v b="$t_conv" 'BEGIN{printf "convert speed-up over Python: %.2f× (target ≥ 3×)\n", a/b}'
awk -v a="$t_libcsv" -v b="$t_read" 'BEGIN{printf "CSV read rate vs raw libcsv: %.0f%% (target ≥ 50%%)\n", 100*a/b}'
echo "peak memory of convert: ${m_conv} MB (target: flat, < 100 MB)"
# Same rows out as Python wrote (a quick sanity check, not a benchmark).
ours=$(wc -l < "$D/out.ndjson"); theirs=$(wc -l < "$D/out-py.ndjson")
[ "$ours" = "$theirs" ] || { echo "row counts differ: ours $ours, python $theirs" >&2; exit 1; }
