#!/usr/bin/env bash
# The test command: installs what is missing, then builds and runs every test:
# the Swift suites, then the peer checks (Python readers, LibreOffice …) against the built tool.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
# One scratch directory for the whole run, removed at the end: the tests' temporary folders
# (a few thousand stores and files) go under it through TMPDIR.
base="${TMPDIR:-/tmp}"
scratch="$(mktemp -d "$base/mentorbase-test.XXXXXX")"
pgdir=""
cleanup() {
  local rc=$?
  if [ -n "$pgdir" ]; then bash scripts/pg-test-server.sh stop "$pgdir/pg" || true; rm -rf "$pgdir" || true; fi
  if [ "$rc" = 0 ]; then
    rm -rf "$scratch" || true
  else
    # A failed run keeps what its tests left (stores, logs, screenshots) for a look.
    echo "test.sh: failed (exit $rc); the tests' temporary files are kept in $scratch" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
# A throw-away PostgreSQL server for the store tests (loopback, temporary data directory).
if [ -z "${MENTORBASE_TEST_PG_URL:-}" ]; then
  pgdir="$(mktemp -d "$base/mentorbase-pg.XXXXXX")"
  MENTORBASE_TEST_PG_URL="$(bash scripts/pg-test-server.sh start "$pgdir/pg")"
  export MENTORBASE_TEST_PG_URL
fi
# Only now: the PostgreSQL server above must not live in the scratch directory (its own user
# could not reach a directory made by mktemp for this user).
export TMPDIR="$scratch"
swift test --disable-xctest
if compgen -G "Tests/peers/test_*.py" >/dev/null; then
  swift build --product mentorbase
  MENTORBASE_BIN="$(swift build --show-bin-path)/mentorbase" python3 -m pytest -q -p no:cacheprovider Tests/peers
fi
