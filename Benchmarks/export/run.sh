#!/usr/bin/env bash
# Export benchmark: `mentorbase export mentees --view full --format xlsx` of N mentees read from a
# SQLite store, against peers writing the same rows in the same run:
#   - a plain C program on libxlsxwriter in constant-memory mode (target: mentorbase ≤ 1.3× its time)
#   - Python XlsxWriter in constant-memory mode (target: mentorbase faster)
# The peers read the export's own rows dumped as TSV (same header, same guarded text, ISO dates
# written as date cells, integers as numbers). Memory: peak RSS at each size (flat = about the same).
# The peers' workbook is the same as ours cell for cell (compare.py; the worksheets' XML is
# byte-identical): same sheets («Текущие участники» and an empty «Архив»), header, widths, types.
# On a shared machine, REPEAT=N (default 2) times the export and the C peer N times each,
# alternately, and takes each one's fastest run; every run's figures are printed too.
#   bash Benchmarks/export/run.sh [ROWS...]      (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/Benchmarks/export
SIZES=("$@")
REPEAT=${REPEAT:-2}
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)

need=()
for p in gcc libxlsxwriter-dev time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
python3 -c "import xlsxwriter, openpyxl" 2>/dev/null || python3 -m pip install -q XlsxWriter openpyxl

WORK=$(mktemp -d /tmp/mentorbase-export-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "building mentorbase (release)…" >&2
swift build -c release --product mentorbase >/dev/null
MB="$(swift build -c release --show-bin-path)/mentorbase"
gcc -O2 -o "$WORK/write_rows" "$HERE/write_rows.c" $(pkg-config --cflags --libs xlsxwriter)

measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "FAILED: $name: $*" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  read -r secs kib user sys <"$WORK/$name.time"
  echo "$secs" >"$WORK/$name.s"
  python3 -c "print(f'{$user + $sys:.2f}')" >"$WORK/$name.cpu"
  echo $((kib / 1024)) >"$WORK/$name.mb"
}
s() { cat "$WORK/$1.s"; }
mb() { cat "$WORK/$1.mb"; }
cpu() { cat "$WORK/$1.cpu"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
# Wall seconds (the target), CPU seconds (user + system: what a shared machine cannot blur), peak memory.
row() { printf '  %-50s %8s s %8s s CPU %6s MiB  %s\n' "$1" "$(s "$2")" "$(cpu "$2")" "$(mb "$2")" "${3:-}"; }

echo "mentorbase export benchmark — $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
for N in "${SIZES[@]}"; do
  STORE="$WORK/store-$N.sqlite"
  python3 "$HERE/gen_mentees.py" "$N" "$WORK/mentees-$N.csv"
  measure "import-$N" "$MB" import "$WORK/mentees-$N.csv" --kind mentees --store "$STORE" --format json
  measure "tsv-$N" "$MB" export mentees --view full --format csv --dialect tsv -o "$WORK/rows-$N.tsv" --store "$STORE" --date 2025-01-15 -q
  for ((k = 1; k <= REPEAT; k++)); do
    measure "export-$N-$k" "$MB" export mentees --view full --format xlsx -o "$WORK/ours-$N.xlsx" --store "$STORE" --date 2025-01-15 -q
    measure "c-$N-$k" "$WORK/write_rows" "$WORK/rows-$N.tsv" "$WORK/c-$N.xlsx"
    echo "  run $k: export $(s export-$N-$k) s ($(cpu export-$N-$k) s CPU), C $(s c-$N-$k) s ($(cpu c-$N-$k) s CPU), load $(cut -d" " -f1 /proc/loadavg)" >&2
  done
  for who in export c; do
    best=$(for ((k = 1; k <= REPEAT; k++)); do echo "$(s $who-$N-$k) $k"; done | sort -n | head -1 | cut -d" " -f2)
    for ext in s cpu mb; do cp "$WORK/$who-$N-$best.$ext" "$WORK/$who-$N.$ext"; done
  done
  measure "py-$N" python3 "$HERE/write_rows.py" "$WORK/rows-$N.tsv" "$WORK/py-$N.xlsx"
  echo
  echo "== $N mentee rows × $(head -1 "$WORK/rows-$N.tsv" | awk -F'\t' '{print NF}') columns ($(du -m "$WORK/ours-$N.xlsx" | cut -f1) MiB of XLSX) =="
  row "setup: import the canonical CSV into SQLite" "import-$N"
  echo "  (fastest of $REPEAT runs each; load now $(cut -d" " -f1-3 /proc/loadavg))"
  row "mentorbase export (store → view → XLSX)" "export-$N" \
      "= $(ratio "$(s export-$N)" "$(s c-$N)")× C (target ≤ 1.30; CPU $(ratio "$(cpu export-$N)" "$(cpu c-$N)")×); Python is $(ratio "$(s py-$N)" "$(s export-$N)")× slower"
  row "C libxlsxwriter constant_memory (TSV → XLSX)" "c-$N"
  row "Python XlsxWriter constant_memory (TSV → XLSX)" "py-$N"
  row "(mentorbase export as TSV, the peers' input)" "tsv-$N"
  python3 "$HERE/compare.py" "$WORK/ours-$N.xlsx" "$WORK/c-$N.xlsx" 2000
  if [ "$N" -le 200000 ]; then
    for part in xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/styles.xml; do
      if cmp -s <(unzip -p "$WORK/ours-$N.xlsx" "$part") <(unzip -p "$WORK/c-$N.xlsx" "$part"); then
        echo "  $part: byte-identical to the C peer's"
      else
        echo "  $part: DIFFERS from the C peer's" >&2; exit 1
      fi
    done
  fi
done
echo
echo "memory of the export by size (flat = the same order at every size):"
for N in "${SIZES[@]}"; do printf '  %10s rows: %s MiB\n' "$N" "$(mb export-$N)"; done
