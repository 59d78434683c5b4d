#!/usr/bin/env bash
# Store benchmark (issue 5): importing a 1,000,000-row secretary's mentee base («База наставляемых»,
# 13 Russian columns, Benchmarks/validate/generate_mentees.py) through the whole pipeline — read,
# validated (all tiers), assembled, planned against the store, written with provenance — into an
# empty SQLite store, against the sqlite3 command-line tool's .import of the same CSV into one table,
# in the same run, and against a C program doing only the same SQLite inserts (Benchmarks/store/sqlite_floor.c:
# the floor SQLite itself sets for this schema). Then: a no-op re-import (same file: checksum short-cut; --recheck: every row
# validated, planned and compared again), peak memory at a quarter of the rows (flat = the same),
# the canonical-table path (store alone, no validation) as a secondary line, and PostgreSQL figures
# for the same data against psql's \copy into one table. Seconds are wall time; CPU seconds
# (user + system) are printed beside them because the machine is shared: compare ratios, and
# note the load average printed before and after. The headline pair (.import, then the validated
# import into an empty store) is run PAIRS times back to back (default 3): the machine's speed
# drifts by a quarter within minutes, so each import is set against the peer run just before it,
# and the median of those ratios is the figure.
#   bash Benchmarks/store/run.sh [ROWS]        (default 1,000,000; env NO_PG=1 skips PostgreSQL,
#                                               PAIRS=N sets the number of peer/import pairs)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-1000000}"
SMALL=$((ROWS / 4))
D=Benchmarks/data/store
mkdir -p "$D"
bash scripts/setup.sh --tests >/dev/null
CSV="$D/mentees-$ROWS.csv"
CSV_SMALL="$D/mentees-$SMALL.csv"
CANON="$D/canonical-mentees-$ROWS.csv"
[ -f "$CSV" ] || python3 Benchmarks/validate/generate_mentees.py "$ROWS" "$CSV"
[ -f "$CSV_SMALL" ] || python3 Benchmarks/validate/generate_mentees.py "$SMALL" "$CSV_SMALL"
[ -f "$CANON" ] || python3 Benchmarks/store/gen_canonical_mentees.py "$ROWS" "$CANON"
swift build -c release --product mentorbase >/dev/null 2>&1 || swift build -c release --product mentorbase
BIN="$(swift build -c release --show-bin-path)/mentorbase"

# "SECONDS CPU_SECONDS PEAK_MB" of one run of a command
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$D/time.txt" "$@" >"$D/last.out" 2>"$D/last.err" || { cat "$D/last.err" >&2; exit 1; }
  read -r s u y m < "$D/time.txt"
  echo "$s $(awk "BEGIN{printf \"%.1f\", $u + $y}") $((m / 1024))"
}
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
field() { grep -o "\"$1\":[a-z0-9]*" "$D/last.out" | head -1 | cut -d: -f2; }
row() { printf "%-62s %8s %8s %8s\n" "$@"; }

rm -f "$D/peer.sqlite" "$D"/bench*.sqlite* "$D"/floor.sqlite*
size_mb=$(du -m "$CSV" | cut -f1)
echo "input: $CSV ($ROWS rows × 13 columns, ${size_mb} MB); $(nproc) cores"
echo "load before: $(uptime | sed 's/.*load average/load average/')"

# The headline: PAIRS × (the peer, then the validated import into an empty store), each import's
# ratio taken against the peer just before it; the last pair's store goes on to the no-op runs.
PAIRS="${PAIRS:-3}"
[ "$PAIRS" -ge 1 ] 2>/dev/null || { echo "run.sh: PAIRS must be a whole number ≥ 1" >&2; exit 2; }
pair_lines=(); ratios=()
for ((k = 1; k <= PAIRS; k++)); do
  rm -f "$D/peer.sqlite" "$D"/bench.sqlite*
  read -r t_peer c_peer m_peer < <(measure sqlite3 "$D/peer.sqlite" -cmd ".mode csv" ".import $CSV mentees")
  read -r t_imp c_imp m_imp < <(measure "$BIN" import "$CSV" --kind mentees --store "$D/bench.sqlite" --format json)
  r=$(ratio "$t_imp" "$t_peer"); ratios+=("$r")
  pair_lines+=("$(printf "pair %d: .import %s s (%s CPU s), import %s s (%s CPU s, %s MB): %sx wall, %sx CPU" \
    "$k" "$t_peer" "$c_peer" "$t_imp" "$c_imp" "$m_imp" "$r" "$(ratio "$c_imp" "$c_peer")")")
done
median_ratio=$(printf "%s\n" "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR + 1) / 2] : sprintf("%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
rows_peer=$(sqlite3 "$D/peer.sqlite" "SELECT count(*) FROM mentees")
imp_counts="new $(field new), rejected $(field rejected), conflicts $(field conflicts)"
# The floor: SQLite alone doing the import's inserts (same schema, indexes, pragmas; no validation).
cc -O2 -o "$D/sqlite_floor" Benchmarks/store/sqlite_floor.c -lsqlite3
"$BIN" batches --store "$D/floor.sqlite" >/dev/null
read -r t_floor c_floor m_floor < <(measure "$D/sqlite_floor" "$D/floor.sqlite" "$CSV")
read -r t_same c_same m_same < <(measure "$BIN" import "$CSV" --kind mentees --store "$D/bench.sqlite" --format json)
same_noop="noOp $(field noOp)"
read -r t_re c_re m_re < <(measure "$BIN" import "$CSV" --kind mentees --store "$D/bench.sqlite" --format json --recheck)
re_counts="new $(field new), updated $(field updated), unchanged $(field unchanged)"
read -r t_small c_small m_small < <(measure "$BIN" import "$CSV_SMALL" --kind mentees --store "$D/bench-small.sqlite" --format json)
read -r t_can c_can m_can < <(measure "$BIN" import --canonical "$CANON" --kind mentees --store "$D/bench-canonical.sqlite" --format json)
rows_store=$(sqlite3 "$D/bench.sqlite" "SELECT (SELECT count(*) FROM people) || ' people, ' || (SELECT count(*) FROM mentee_profiles) || ' mentee profiles, ' || (SELECT count(*) FROM pairings) || ' pairings, ' || (SELECT count(*) FROM pairing_members) || ' members, ' || (SELECT count(*) FROM change_log) || ' change-log rows'")

echo
row "SQLite" "seconds" "CPU s" "peak MB"
row "sqlite3 .import into one table ($rows_peer rows; last pair)" "$t_peer" "$c_peer" "$m_peer"
row "C + SQLite: the same inserts alone, no validation (floor)" "$t_floor" "$c_floor" "$m_floor"
row "mentorbase import, validated, empty store (last pair; $imp_counts)" "$t_imp" "$c_imp" "$m_imp"
row "mentorbase import, same file again ($same_noop)" "$t_same" "$c_same" "$m_same"
row "mentorbase import --recheck ($re_counts)" "$t_re" "$c_re" "$m_re"
row "mentorbase import of $SMALL rows (memory check)" "$t_small" "$c_small" "$m_small"
row "mentorbase import --canonical (store alone, no validation)" "$t_can" "$c_can" "$m_can"
echo "store holds: $rows_store"
printf "%s\n" "${pair_lines[@]}"
echo "validated import / sqlite3 .import: median of $PAIRS pairs ${median_ratio}x wall (target ≤ 3)"
echo "floor (SQLite alone) / sqlite3 .import: $(ratio "$t_floor" "$t_peer")x wall; validated import / floor: $(ratio "$t_imp" "$t_floor")x wall, $(ratio "$c_imp" "$c_floor")x CPU"
echo "canonical import / sqlite3 .import: $(ratio "$t_can" "$t_peer")x wall"
echo "first import / no-op re-import (checksum): $(ratio "$t_imp" "$t_same")x (target ≥ 10)"
echo "first import / --recheck re-import: $(ratio "$t_imp" "$t_re")x"
echo "peak memory $ROWS rows / $SMALL rows: $(ratio "$m_imp" "$m_small")x (flat ≈ 1)"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

[ -n "${NO_PG:-}" ] && exit 0
# PostgreSQL: a throw-away server (fsync on, as a real one), the same file.
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/mentorbase-pgbench.XXXXXX")"
trap 'bash scripts/pg-test-server.sh stop "$pgdir/pg"; rm -rf "$pgdir"' EXIT
URL="$(PG_FSYNC=on bash scripts/pg-test-server.sh start "$pgdir/pg")"
PORT="$(cat "$pgdir/pg/port")"
cols=$(head -1 "$CSV" | python3 -c 'import sys; print(", ".join(f"c{i} text" for i in range(len(sys.stdin.readline().split(",")))))')
psql -q -h 127.0.0.1 -p "$PORT" -U postgres mentorbase_test -c "CREATE TABLE mentees ($cols)"
read -r t_pgpeer c_pgpeer m_pgpeer < <(measure psql -q -h 127.0.0.1 -p "$PORT" -U postgres mentorbase_test -c "\\copy mentees FROM '$CSV' WITH (FORMAT csv, HEADER true)")
read -r t_pg c_pg m_pg < <(measure "$BIN" import "$CSV" --kind mentees --store "$URL?schema=bench" --format json)
pg_counts="new $(field new), rejected $(field rejected)"
read -r t_pgsame c_pgsame m_pgsame < <(measure "$BIN" import "$CSV" --kind mentees --store "$URL?schema=bench" --format json)
read -r t_pgre c_pgre m_pgre < <(measure "$BIN" import "$CSV" --kind mentees --store "$URL?schema=bench" --format json --recheck)
echo
row "PostgreSQL" "seconds" "CPU s" "peak MB"
row "psql \\copy into one table" "$t_pgpeer" "$c_pgpeer" "$m_pgpeer"
row "mentorbase import, validated, empty store ($pg_counts)" "$t_pg" "$c_pg" "$m_pg"
row "mentorbase import, same file again (checksum)" "$t_pgsame" "$c_pgsame" "$m_pgsame"
row "mentorbase import --recheck" "$t_pgre" "$c_pgre" "$m_pgre"
echo "PostgreSQL import / psql \\copy: $(ratio "$t_pg" "$t_pgpeer")x; first / no-op (checksum): $(ratio "$t_pg" "$t_pgsame")x"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
