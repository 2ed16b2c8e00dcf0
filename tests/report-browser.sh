#!/usr/bin/env bash
# The HTML report of `seolint report` in a real browser: builds the report of the fixtures site
# tests/data/report-site, opens it in headless Chromium (Debian's `chromium`) driven through the
# DevTools protocol by playwright-core (tests/browser/, npm, locked), and checks the rows, sorting
# by a click on a column header, the filter box, the details panel and the cluster graph, with no
# network request and no script error. Saves a screenshot (default: a temporary file; give a
# path, e.g. docs/report.png, to refresh the README's).
#
# Without chromium or node it skips (exit 0) with the reason, unless SEOLINT_REQUIRE_CHROMIUM=1
# (CI), which makes that a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
shot="${1:-}"

missing() {
  if [ "${SEOLINT_REQUIRE_CHROMIUM:-}" = 1 ]; then
    echo "report-browser: $1 (SEOLINT_REQUIRE_CHROMIUM=1)" >&2
    exit 1
  fi
  echo "report-browser: skipped: $1"
  exit 0
}
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || missing "no chromium at $chromium (apt-get install chromium)"
command -v node >/dev/null || missing "no node"
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  command -v npm >/dev/null || missing "no npm to install playwright-core"
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null
fi

cargo build --locked --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
site=tests/data/report-site
./target/debug/seolint report "$site" -o "$work/report.html"
[ -n "$shot" ] || shot="$work/report.png"
# the expected rows: every article of the fixtures site, as the report names them
mapfile -t files < <(find "$site" -name '*.md' | sort)
CHROMIUM="$chromium" node tests/browser/report.mjs "$work/report.html" "$shot" "${files[@]}"
