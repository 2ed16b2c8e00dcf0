#!/usr/bin/env bash
# Time seolint over the shared corpus of real articles (and one long article as a whole
# process). Prints files, MB, median wall time of N runs, MB/s and files/s, and peak memory.
# Usage: benches/corpus.sh [CORPUS_DIR] [RUNS]   (default ../shared/corpus, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
runs=${2:-5}
if [ ! -d "$corpus" ]; then
  echo "corpus not found at $corpus; nothing to measure"
  exit 0
fi
cargo build --release --quiet
bin=target/release/seolint
files=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.mdx' \) | wc -l)
bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.mdx' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() {
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | median
}

us=$(time_runs "$bin" --format concise "$corpus")
peak=$(python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$bin" --format concise "$corpus" 2>/dev/null || echo "?")
awk -v f="$files" -v b="$bytes" -v us="$us" -v kb="$peak" 'BEGIN {
  s = us / 1e6
  printf "corpus: %d files, %.1f MB\n", f, b / 1e6
  printf "seolint (all default rules, %s cores): median %.3f s, %.1f MB/s, %.0f files/s, peak RSS %s KB\n", "'"$(nproc)"'", s, b / 1e6 / s, f / s, kb
}'

long=$(find "$corpus" -type f -name '*.md' -size +40k -print -quit)
if [ -n "$long" ]; then
  us=$(time_runs "$bin" --format concise "$long")
  echo "one article as a whole process ($(wc -w < "$long") words, $long): median $(awk -v us="$us" 'BEGIN{printf "%.1f", us/1000}') ms"
fi
