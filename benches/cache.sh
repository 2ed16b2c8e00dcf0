#!/usr/bin/env bash
# The result cache over a corpus: a warm run against the bare single-threaded comrak parse
# (figure (a) of `cargo bench --bench corpus`), the extra time of one edited file in a warm
# corpus, and that every format prints the same warm, cold and without the cache.
# Runs on a hard-linked copy of the corpus in a temporary folder (an edited file is written
# anew, never through the link), with its cache there too.
# Usage: benches/cache.sh [CORPUS_DIR] [RUNS]   (default ../shared/corpus, 7 runs per figure)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${1:-../shared/corpus}" 2>/dev/null || true)
runs=${2:-7}
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
  echo "corpus not found at ${1:-../shared/corpus}; nothing to measure"
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/seolint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -al "$corpus" "$tmp/corpus"
cd "$tmp"
args=(--format concise --fail-on never --cache-dir "$tmp/cache" corpus)

# wall seconds of one run, output to $tmp/out
wall() {
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" "$@" > "$tmp/out" 2>/dev/null || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
median() { sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", a[int((NR + 1) / 2)] }'; }

echo "corpus: $(find corpus -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.mdx' \) | wc -l) files ($corpus)"
parse=$(cd "$OLDPWD" && SEOLINT_BENCH_PROFILE=parse SEOLINT_BENCH_REPS=$runs cargo bench --quiet --bench corpus -- "$corpus" 2>/dev/null |
  awk '/^parse:/ { print $2 }')
echo "(a) bare comrak parse, 1 thread: ${parse} s"

cold=$(for _ in $(seq "$runs"); do wall --no-cache "${args[@]}"; done | median)
echo "no cache: ${cold} s (median of $runs)"
rm -rf "$tmp/cache"
first=$(wall "${args[@]}")
echo "first run, filling the cache: $(printf %.3f "$first") s"
warm=$(for _ in $(seq "$runs"); do wall "${args[@]}"; done | median)
echo "warm: ${warm} s (median of $runs); $(echo "$warm / $parse" | bc -l | xargs printf %.2f)x the bare parse, $(echo "$cold / $warm" | bc -l | xargs printf %.1f)x faster than no cache"
echo "cache file: $(du -k "$tmp"/cache/*.bin | awk '{ print $1 }') KB"

# one file edited in a warm corpus: each time another line, so each run lints it again
victim=$(find corpus -type f -name '*.md' -not -path '*/_*' | sort | sed -n 1p)
edited=$(for i in $(seq "$runs"); do
  { cat "$victim"; echo; echo "An edited paragraph, number $i."; } > "$tmp/edited"
  rm "$victim" && cp "$tmp/edited" "$victim"
  wall "${args[@]}"
done | median)
echo "one file edited, warm otherwise: ${edited} s (median of $runs); extra $(echo "($edited - $warm) * 1000" | bc -l | xargs printf %.0f) ms"

# the same output warm, cold and without the cache, in every format
same=yes
for f in human concise json sarif github junit; do
  common=(--format "$f" --fail-on never corpus)
  "$bin" --no-cache "${common[@]}" > "$tmp/$f.none" 2>&1 || true
  rm -rf "$tmp/cache-$f"
  "$bin" --cache-dir "$tmp/cache-$f" "${common[@]}" > "$tmp/$f.cold" 2>&1 || true
  "$bin" --cache-dir "$tmp/cache-$f" "${common[@]}" > "$tmp/$f.warm" 2>&1 || true
  if cmp -s "$tmp/$f.none" "$tmp/$f.cold" && cmp -s "$tmp/$f.none" "$tmp/$f.warm"; then
    echo "$f: identical ($(wc -l < "$tmp/$f.none") lines)"
  else
    echo "$f: DIFFERS"
    same=no
  fi
done
[ "$same" = yes ]
