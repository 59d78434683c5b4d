#!/usr/bin/env bash
# Every speed target of the issues, one benchmark after another on the same build, each against its peer
# measured in the same run; the full output goes to a log and the lines naming a target are repeated at
# the end with the load average. Run it on a quiet machine: the figures are ratios, but two threads
# against one-threaded peers only show their overlap when both cores are free.
#   bash Benchmarks/run-targets.sh [LOG]      (default Benchmarks/data/targets-<time>.log)
# Environment passed through: NO_PG=1 skips PostgreSQL in the store benchmark; FRICTIONLESS_ROWS
# (default 200000 here: frictionless is slow, its time per row is scaled to 1,000,000).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p Benchmarks/data
LOG="${1:-Benchmarks/data/targets-$(date -u +%Y%m%d-%H%M).log}"
export FRICTIONLESS_ROWS="${FRICTIONLESS_ROWS:-200000}"
{
  echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for b in "Benchmarks/run-foundation.sh" "Benchmarks/validate/run.sh" "Benchmarks/store/run.sh" "Benchmarks/export/run.sh 1000000"; do
    echo
    echo "######## $b (load $(cut -d' ' -f1-3 /proc/loadavg))"
    # shellcheck disable=SC2086
    bash $b
  done
} 2>&1 | tee "$LOG"
echo
echo "==== targets ($LOG)"
grep -E "target|^######## |^== " "$LOG" | grep -v "^  *#"
