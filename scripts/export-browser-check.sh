#!/usr/bin/env bash
# Renders an exported HTML page in headless Chromium (Debian's `chromium`) the way a phone and a
# desktop show it: a screenshot at each width and the DOM after rendering, for the peer tests and
# for a person to look at.
#   bash scripts/export-browser-check.sh PAGE.html OUTDIR
# Writes OUTDIR/phone.png (390 px wide), OUTDIR/desktop.png (1280 px), OUTDIR/print.pdf and OUTDIR/dom.html.
set -euo pipefail
page=$(realpath "$1")
out=$2
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 3; }
profile=$(mktemp -d "${TMPDIR:-/tmp}/mentorbase-chromium-XXXXXX")
trap 'rm -rf "$profile"' EXIT
run() {
  # --no-sandbox: the tests run as root in a container; the page is our own file and loads nothing.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" "$@" "file://$page" 2>>"$out/chromium.log"
}
run --window-size=390,1600 --screenshot="$out/phone.png" >/dev/null
run --window-size=1280,1000 --screenshot="$out/desktop.png" >/dev/null
run --print-to-pdf="$out/print.pdf" --no-pdf-header-footer >/dev/null
run --dump-dom >"$out/dom.html"
for f in phone.png desktop.png print.pdf dom.html; do
  [ -s "$out/$f" ] || { echo "chromium produced no $f (see $out/chromium.log)" >&2; exit 1; }
done
echo "$out"
