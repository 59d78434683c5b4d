#!/usr/bin/env bash
# XLSX benchmarks: mentorbase's reader and writer against peers measured in the same run.
#   bash Benchmarks/xlsx/run.sh [ROWS...]     (default: 100000 1000000)
# Builds mentorbase in release mode, compiles two small C peers (libxlsxwriter; minizip +
# libxml2 SAX2), generates the data with libxlsxwriter in its default shared-strings mode
# (Excel's layout), then prints seconds, peak memory and ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/Benchmarks/xlsx
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)

need_debs=()
for p in gcc libxlsxwriter-dev libxml2-dev libminizip-dev time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_debs+=("$p")
done
if [ ${#need_debs[@]} -gt 0 ]; then
  echo "installing ${need_debs[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${need_debs[@]}" >/dev/null
fi
python3 -c "import python_calamine, xlsxwriter" 2>/dev/null || python3 -m pip install -q python-calamine XlsxWriter

WORK=$(mktemp -d /tmp/mentorbase-xlsx-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "building mentorbase (release)…" >&2
swift build -c release --product mentorbase >/dev/null
MB="$(swift build -c release --show-bin-path)/mentorbase"
gcc -O2 -o "$WORK/write_c" "$HERE/write_libxlsxwriter.c" $(pkg-config --cflags --libs xlsxwriter)
gcc -O2 -o "$WORK/read_floor" "$HERE/read_floor.c" $(pkg-config --cflags --libs libxml-2.0 minizip)

# measure NAME COMMAND…: wall seconds and peak RSS (MiB) into $WORK/NAME.{s,mb}
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "FAILED: $name: $*" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  read -r secs kib <"$WORK/$name.time"
  echo "$secs" >"$WORK/$name.s"
  echo $((kib / 1024)) >"$WORK/$name.mb"
}
s() { cat "$WORK/$1.s"; }
mb() { cat "$WORK/$1.mb"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
row() { printf '  %-44s %8s s %7s MiB  %s\n' "$1" "$(s "$2")" "$(mb "$2")" "${3:-}"; }

echo "mentorbase XLSX benchmarks — $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for N in "${SIZES[@]}"; do
  IN="$WORK/in-$N.xlsx"
  "$WORK/write_c" "$IN" "$N" shared
  echo
  echo "== $N rows × 13 Cyrillic text columns, shared strings ($(du -m "$IN" | cut -f1) MiB) =="
  measure "floor-$N"      "$WORK/read_floor" "$IN"
  measure "calamine-$N"   python3 "$HERE/read_calamine.py" "$IN"
  measure "dump-$N"       sh -c "\"$MB\" dump \"$IN\" --format json --quiet >/dev/null"
  measure "inspect-$N"    "$MB" inspect "$IN" --quiet
  measure "convert-$N"    "$MB" convert "$IN" "$WORK/out-$N.xlsx" --quiet --out-option constant-memory=true
  measure "write-c-$N"    "$WORK/write_c" "$WORK/c-$N.xlsx" "$N" constant
  measure "write-py-$N"   python3 "$HERE/write_xlsxwriter.py" "$WORK/py-$N.xlsx" "$N"
  # Inline strings (no shared table): read + write memory must stay flat in the row count.
  measure "convert-inline-$N" "$MB" convert "$WORK/c-$N.xlsx" "$WORK/out-inline-$N.xlsx" --quiet --out-option constant-memory=true
  write_est=$(python3 -c "print(f'{max($(s convert-$N) - $(s inspect-$N), 0.01):.2f}')")
  echo "read:"
  row "C floor: unzip + libxml2 SAX (no values)" "floor-$N"
  row "python-calamine, iterate all rows" "calamine-$N"
  row "mentorbase dump --format json >/dev/null" "dump-$N" \
      "= $(ratio "$(s dump-$N)" "$(s calamine-$N)")× calamine, $(ratio "$(s dump-$N)" "$(s floor-$N)")× floor"
  row "mentorbase inspect (touches every cell)" "inspect-$N" \
      "= $(ratio "$(s inspect-$N)" "$(s calamine-$N)")× calamine, $(ratio "$(s inspect-$N)" "$(s floor-$N)")× floor"
  echo "write (constant memory):"
  row "C libxlsxwriter constant_memory" "write-c-$N"
  row "Python XlsxWriter constant_memory" "write-py-$N"
  row "mentorbase convert xlsx→xlsx (read+write)" "convert-$N"
  printf '  %-44s %8s s              = %s× C libxlsxwriter; Python XlsxWriter is %s× slower\n' \
    "mentorbase write ≈ convert − inspect" "$write_est" "$(ratio "$write_est" "$(s write-c-$N)")" \
    "$(ratio "$(s write-py-$N)" "$write_est")"
  row "mentorbase convert of an inline-string file" "convert-inline-$N" "(memory: reader + writer without a shared-strings table)"
  "$MB" dump "$WORK/out-$N.xlsx" --format json --quiet | tail -c 300 | grep -q "продолжаем работу" \
    || { echo "the written workbook does not read back" >&2; exit 1; }
done
