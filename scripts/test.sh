#!/usr/bin/env bash
# The test command: installs what is missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
swift test --disable-xctest
