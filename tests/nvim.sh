#!/usr/bin/env bash
# Neovim (headless) as a real client of `seolint server`: open a fixture, let Neovim start the
# server and attach it, read the diagnostics Neovim holds back (in its own byte columns, so the
# UTF-16 positions went through a real client's conversion), compare with the expectation.
# Skips without nvim unless SEOLINT_REQUIRE_NVIM=1 (CI sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null 2>&1; then
  if [ "${SEOLINT_REQUIRE_NVIM:-}" = 1 ]; then
    echo "tests/nvim.sh: nvim is required (SEOLINT_REQUIRE_NVIM=1) but not installed" >&2
    exit 1
  fi
  echo "tests/nvim.sh: SKIP: nvim not installed"
  exit 0
fi
cargo build --quiet --locked
repo=$PWD
bin="$repo/target/debug/seolint"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/.git"
cp tests/data/lsp/article.md "$work/article.md"
(cd "$work" && SEOLINT_BIN="$bin" OUT="$work/got.txt" timeout 120 \
  nvim --headless --clean -c "luafile $repo/tests/nvim.lua" article.md) </dev/null >/dev/null 2>&1 || true
if ! diff -u tests/data/lsp/nvim.expected "$work/got.txt"; then
  echo "tests/nvim.sh: Neovim's diagnostics differ from tests/data/lsp/nvim.expected" >&2
  exit 1
fi
echo "tests/nvim.sh: ok ($(nvim --version | head -1))"
