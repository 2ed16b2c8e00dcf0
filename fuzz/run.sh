#!/usr/bin/env bash
# Run each fuzz target for SECONDS (default 60), seeded from the project's fixtures, and print the
# executions of each run. Exits non-zero if a target crashes; its input is left under
# fuzz/artifacts/TARGET/ — turn it into a regression test. CI runs this (.ci/run).
#
# Works on the stable toolchain: without a sanitizer cargo-fuzz passes rustc no -Z flag (and the
# library has no unsafe code for AddressSanitizer to check). Installs cargo-fuzz when missing.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
cargo_fuzz_version=0.13.2

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked
fi
# cargo-fuzz has no --locked: fail here rather than let it rewrite a stale Cargo.lock
if ! cargo fetch --locked --quiet; then
  echo "fuzz: if fuzz/Cargo.lock is stale, run \`cargo fetch\` in fuzz/ and commit fuzz/Cargo.lock" >&2
  exit 1
fi
fuzz=(--sanitizer none)
cargo fuzz build "${fuzz[@]}"

failed=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in ${TARGETS:-lint front_matter config fix}; do
  mkdir -p "corpus/$target"
  case $target in
    config) cp ../tests/data/*.yaml "corpus/$target/" 2>/dev/null || true
            printf 'extends: pillar\nrules:\n  title-length: off\n' > "corpus/$target/seed.yaml" ;;
    *) find ../fixtures -name '*.md' -exec cp {} "corpus/$target/" \; ;;
  esac
  echo "== $target (${seconds}s)"
  if cargo fuzz run "${fuzz[@]}" "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 >"$log" 2>&1; then
    grep -E "DONE|^Done" "$log" || true
  else
    # the report from the panic or libFuzzer's error on, without progress lines, stack frames and
    # the input's bytes (the artifact holds them), long lines cut
    report=$(sed -n '/panicked at\|ERROR: libFuzzer/,$p' "$log" \
      | sed '/^Output of `std::fmt::Debug`:/,/^Reproduce with:/{/^Reproduce with:/!d}' \
      | grep -vE '^#[0-9]+[[:space:]]|^ +([0-9]+: |at )|^0x' | cut -c1-400)
    if [[ -n $report ]]; then echo "$report"; else tail -n 40 "$log"; fi
    failed+=("$target")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: crashed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
