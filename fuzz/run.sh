#!/usr/bin/env bash
# Run each fuzz target for SECONDS (default 60) with cargo-fuzz (needs a nightly toolchain:
# `cargo install cargo-fuzz`), seeded from the project's fixtures. Prints the executions of each
# run; a crash leaves its input under fuzz/artifacts/TARGET/ — turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
for target in ${TARGETS:-lint front_matter config fix}; do
  mkdir -p "corpus/$target"
  case $target in
    config) cp ../tests/data/*.yaml "corpus/$target/" 2>/dev/null || true
            printf 'extends: pillar\nrules:\n  title-length: off\n' > "corpus/$target/seed.yaml" ;;
    *) find ../fixtures -name '*.md' -exec cp {} "corpus/$target/" \; ;;
  esac
  echo "== $target (${seconds}s)"
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 2>&1 \
    | grep -E "^Done|SUMMARY|panicked|ERROR" || true
done
