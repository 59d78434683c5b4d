#!/usr/bin/env bash
# The test command: installs what is missing, then builds and runs every test:
# the Swift suites, then the peer checks (Python readers, LibreOffice …) against the built tool.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
swift test --disable-xctest
if compgen -G "Tests/peers/test_*.py" >/dev/null; then
  swift build --product mentorbase
  MENTORBASE_BIN="$(swift build --show-bin-path)/mentorbase" python3 -m pytest -q -p no:cacheprovider Tests/peers
fi
