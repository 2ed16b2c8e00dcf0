#!/usr/bin/env bash
# Test-only oracle for issue 28: Yoast's own analysis (the `yoastseo` npm package) beside seolint's
# figures on the articles of articles.txt. Yoast is installed into a scratch folder (never shipped,
# never copied into src); without the registry the script says so and exits 0.
#
#   bash benches/yoast/oracle.sh [SEOLINT_BINARY]
#
# Environment: YOAST_VERSION (3.6.0), YOAST_SCRATCH (target/yoast-oracle), CORPUS (../shared/corpus).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="${YOAST_VERSION:-3.6.0}"
scratch="${YOAST_SCRATCH:-$repo/target/yoast-oracle}"
corpus="${CORPUS:-$repo/../shared/corpus}"
bin="${1:-$repo/target/release/seolint}"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "yoast oracle: node/npm not installed; skipped"
  exit 0
fi
if [ ! -f "$scratch/node_modules/yoastseo/package.json" ] ||
  [ "$(node -p "require('$scratch/node_modules/yoastseo/package.json').version")" != "$version" ]; then
  mkdir -p "$scratch"
  if ! (cd "$scratch" && [ -f package.json ] || echo '{"private":true}' >package.json) ||
    ! (cd "$scratch" && timeout 300 npm install --no-audit --no-fund --silent \
      "yoastseo@$version" "markdown-it@14" >/dev/null 2>&1); then
    echo "yoast oracle: could not install yoastseo@$version from the npm registry (unreachable?); skipped"
    exit 0
  fi
fi
if [ ! -x "$bin" ]; then
  (cd "$repo" && cargo build --release --quiet)
fi

files=()
while read -r line; do
  case "$line" in
    '#'* | '') continue ;;
    corpus:*) f="$corpus/${line#corpus:}" ;;
    repo:*) f="$repo/${line#repo:}" ;;
    *) f="$line" ;;
  esac
  if [ -f "$f" ]; then files+=("$f"); else echo "yoast oracle: missing $f" >&2; fi
done <"$here/articles.txt"
if [ "${#files[@]}" -eq 0 ]; then
  echo "yoast oracle: no article found (is CORPUS=$corpus there?); skipped"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# seolint's figures; `stats` exits non-zero only on a failure to read
"$bin" stats --format json "${files[@]}" >"$work/seolint.json"
node "$here/compare.js" "$scratch/node_modules" "$work/seolint.json" "${files[@]}"
