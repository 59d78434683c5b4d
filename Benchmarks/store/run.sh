#!/usr/bin/env bash
# Store benchmark (issue 5): importing a canonical 1,000,000-row mentee base into an empty store,
# against the sqlite3 command-line tool's .import of the same CSV into one table, in the same run;
# a no-op re-import (same file: checksum; --recheck: every row compared); PostgreSQL figures for the
# same data against psql's \copy into one table; peak memory at two sizes (flat = independent of N).
#   bash Benchmarks/store/run.sh [ROWS]        (default 1,000,000)
# The import path is the canonical-table path (validation is a seam until MentorSchema is wired in).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-1000000}"
D=Benchmarks/data/store
mkdir -p "$D"
bash scripts/setup.sh --tests >/dev/null
CSV="$D/canonical-mentees-$ROWS.csv"
SMALL=$((ROWS / 4))
CSV_SMALL="$D/canonical-mentees-$SMALL.csv"
[ -f "$CSV" ] || python3 Benchmarks/store/gen_canonical_mentees.py "$ROWS" "$CSV"
[ -f "$CSV_SMALL" ] || python3 Benchmarks/store/gen_canonical_mentees.py "$SMALL" "$CSV_SMALL"
swift build -c release --product mentorbase >/dev/null 2>&1 || swift build -c release --product mentorbase
BIN="$(swift build -c release --show-bin-path)/mentorbase"

# SECONDS PEAK_MB of one run of a command
measure() {
  /usr/bin/time -f "%e %M" -o "$D/time.txt" "$@" >"$D/last.out" 2>"$D/last.err" || { cat "$D/last.err" >&2; exit 1; }
  read -r s m < "$D/time.txt"
  echo "$s $((m / 1024))"
}
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }

rm -f "$D/peer.sqlite" "$D/bench.sqlite"* "$D/bench-small.sqlite"*
size_mb=$(du -m "$CSV" | cut -f1)
echo "input: $CSV ($ROWS rows × 17 columns, ${size_mb} MB)"

read -r t_peer m_peer < <(measure sqlite3 "$D/peer.sqlite" -cmd ".mode csv" -cmd ".separator ;" ".import $CSV mentees")
read -r t_imp m_imp < <(measure "$BIN" import --canonical "$CSV" --kind mentees --store "$D/bench.sqlite" --format json)
grep -o '"new":[0-9]*' "$D/last.out" | head -1
read -r t_same m_same < <(measure "$BIN" import --canonical "$CSV" --kind mentees --store "$D/bench.sqlite" --format json)
read -r t_recheck m_recheck < <(measure "$BIN" import --canonical "$CSV" --kind mentees --store "$D/bench.sqlite" --format json --recheck)
grep -o '"unchanged":[0-9]*' "$D/last.out" | head -1
read -r t_small m_small < <(measure "$BIN" import --canonical "$CSV_SMALL" --kind mentees --store "$D/bench-small.sqlite" --format json)
rows_peer=$(sqlite3 "$D/peer.sqlite" "SELECT count(*) FROM mentees")
rows_store=$(sqlite3 "$D/bench.sqlite" "SELECT (SELECT count(*) FROM people) || ' people, ' || (SELECT count(*) FROM mentee_profiles) || ' mentee profiles, ' || (SELECT count(*) FROM pairings) || ' pairings, ' || (SELECT count(*) FROM pairing_members) || ' members'")

printf "%-58s %8s %8s\n" "SQLite" "seconds" "peak MB"
printf "%-58s %8s %8s\n" "sqlite3 .import into one table ($rows_peer rows)" "$t_peer" "$m_peer"
printf "%-58s %8s %8s\n" "mentorbase import, empty store" "$t_imp" "$m_imp"
printf "%-58s %8s %8s\n" "mentorbase import, same file again (checksum)" "$t_same" "$m_same"
printf "%-58s %8s %8s\n" "mentorbase import --recheck (every row compared, no-op)" "$t_recheck" "$m_recheck"
printf "%-58s %8s %8s\n" "mentorbase import of $SMALL rows (memory check)" "$t_small" "$m_small"
echo "store holds: $rows_store"
echo "import / sqlite3 .import: $(ratio "$t_imp" "$t_peer")x (target ≤ 3)"
echo "first import / no-op re-import (checksum): $(ratio "$t_imp" "$t_same")x (target ≥ 10)"
echo "first import / no-op re-import (--recheck): $(ratio "$t_imp" "$t_recheck")x"
echo "peak memory $ROWS rows / $SMALL rows: $(ratio "$m_imp" "$m_small")x (flat ≈ 1)"

# PostgreSQL: a throw-away server (fsync on, as a real one), the same file.
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/mentorbase-pgbench.XXXXXX")"
trap 'bash scripts/pg-test-server.sh stop "$pgdir/pg"; rm -rf "$pgdir"' EXIT
URL="$(PG_FSYNC=on bash scripts/pg-test-server.sh start "$pgdir/pg")"
PORT="$(cat "$pgdir/pg/port")"
psql -q -h 127.0.0.1 -p "$PORT" -U postgres mentorbase_test -c "CREATE TABLE mentees (number text, fullName text, birthDate text, className text, personKind text, phones text, emails text, menteeCategory text, request text, startDate text, mentorName text, mentorWorkplace text, form text, kinds text, place text, status text, schoolYear text)"
read -r t_pgpeer m_pgpeer < <(measure psql -q -h 127.0.0.1 -p "$PORT" -U postgres mentorbase_test -c "\\copy mentees FROM '$CSV' WITH (FORMAT csv, DELIMITER ';', HEADER true)")
read -r t_pg m_pg < <(measure "$BIN" import --canonical "$CSV" --kind mentees --store "$URL?schema=bench" --format json)
read -r t_pgsame m_pgsame < <(measure "$BIN" import --canonical "$CSV" --kind mentees --store "$URL?schema=bench" --format json)
read -r t_pgre m_pgre < <(measure "$BIN" import --canonical "$CSV" --kind mentees --store "$URL?schema=bench" --format json --recheck)
printf "%-58s %8s %8s\n" "PostgreSQL" "seconds" "peak MB"
printf "%-58s %8s %8s\n" "psql \\copy into one table" "$t_pgpeer" "$m_pgpeer"
printf "%-58s %8s %8s\n" "mentorbase import, empty store" "$t_pg" "$m_pg"
printf "%-58s %8s %8s\n" "mentorbase import, same file again (checksum)" "$t_pgsame" "$m_pgsame"
printf "%-58s %8s %8s\n" "mentorbase import --recheck (no-op)" "$t_pgre" "$m_pgre"
echo "PostgreSQL import / psql \\copy: $(ratio "$t_pg" "$t_pgpeer")x; first / no-op (checksum): $(ratio "$t_pg" "$t_pgsame")x"
