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
  if [ -n "$pgdir" ]; then bash scripts/pg-test-server.sh stop "$pgdir/pg" || true; rm -rf "$pgdir"; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
# A throw-away PostgreSQL server for the store tests (loopback, temporary data directory).
if [ -z "${MENTORBASE_TEST_PG_URL:-}" ]; then
  pgdir="$(mktemp -d "$base/mentorbase-pg.XXXXXX")"
  MENTORBASE_TEST_PG_URL="$(bash scripts/pg-test-server.sh start "$pgdir/pg")"
  export MENTORBASE_TEST_PG_URL
fi
export TMPDIR="$scratch"
swift test --disable-xctest
if compgen -G "Tests/peers/test_*.py" >/dev/null; then
  swift build --product mentorbase
  MENTORBASE_BIN="$(swift build --show-bin-path)/mentorbase" python3 -m pytest -q -p no:cacheprovider Tests/peers
fi
