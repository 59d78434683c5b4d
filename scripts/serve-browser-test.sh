#!/usr/bin/env bash
# Runs the web page's tests alone (Tests/peers/test_serve.py: headless Chromium via selenium, the refusals, the
# page-versus-CLI checks) against a debug build, keeping the screenshots in ARTIFACTS (default $TMPDIR/mentorbase-serve-artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product mentorbase
export MENTORBASE_BIN="$(swift build --show-bin-path)/mentorbase"
export MENTORBASE_ARTIFACTS="${ARTIFACTS:-${TMPDIR:-/tmp}/mentorbase-serve-artifacts}"
python3 -m pytest -q -p no:cacheprovider Tests/peers/test_serve.py "$@"
echo "screenshots: $MENTORBASE_ARTIFACTS/serve/"
