#!/usr/bin/env bash
# Installs what mentorbase needs on a fresh Debian machine. Idempotent; silent when all is there.
#   bash scripts/setup.sh            build dependencies (C libraries)
#   bash scripts/setup.sh --tests    also the peers the test scripts use (Python readers, LibreOffice …)
set -euo pipefail

want_tests=0
for a in "$@"; do
  case "$a" in
    --tests) want_tests=1 ;;
    *) echo "setup.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

# Debian packages: the C libraries mentorbase links, and sqlite3 for the store benchmarks.
debs=(libcsv-dev libxlsxwriter-dev libxml2-dev zlib1g-dev libsqlite3-dev libjemalloc-dev pkg-config)
if [ "$want_tests" = 1 ]; then
  debs+=(sqlite3)
  # Extra Debian packages the test peers need are listed in scripts/test-debs.txt (one per line).
  if [ -f "$(dirname "$0")/test-debs.txt" ]; then
    while read -r p; do [ -n "$p" ] && [ "${p#\#}" = "$p" ] && debs+=("$p"); done < "$(dirname "$0")/test-debs.txt"
  fi
fi

missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3 4 5; do
    if $SUDO apt-get update -qq >/dev/null 2>&1 && \
       $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
      break
    fi
    # Another apt may hold the lock (dpkg: cannot stat …): wait and retry.
    if [ "$attempt" = 5 ]; then echo "setup: apt-get install failed: ${missing[*]}" >&2; exit 3; fi
    sleep $((attempt * 3))
  done
fi

if [ "$want_tests" = 1 ] && [ -f "$(dirname "$0")/test-requirements.txt" ]; then
  req="$(dirname "$0")/test-requirements.txt"
  if ! python3 "$(dirname "$0")/check_requirements.py" "$req" 2>/dev/null; then
    echo "setup: installing Python test peers" >&2
    python3 -m pip install -q --disable-pip-version-check -r "$req" >/dev/null 2>&1 \
      || python3 -m pip install -q --disable-pip-version-check -r "$req"
  fi
fi
