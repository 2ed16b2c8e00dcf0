#!/usr/bin/env bash
# Memory and time as the corpus grows: seolint over 1x, 2x and 4x the corpus (copies of it,
# hard-linked into a temporary directory), every rule on, site checks included.
# Prints wall time and peak RSS per size, for the folder (site checks on: per-file summaries
# are kept for them, and identical copies make every page a duplicate of three others) and for
# the same files named one by one (no site checks: only the file in flight is held).
# Usage: benches/scale.sh [CORPUS_DIR] [FORMAT]   (default ../shared/corpus, concise)
# SIZES="1 4 16" benches/scale.sh: other sizes (default 1 2 4). Runs without the result cache
# (--no-cache): what is measured is linting.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
format=${2:-concise}
if [ ! -d "$corpus" ]; then
  echo "corpus not found at $corpus; nothing to measure"
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/seolint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/every-rule.yaml" <<'YAML'
rules:
  word-count: { min: 300 }
  section-word-count: { h2_min: 50, h2_max: 2000, h3_min: 20, h3_max: 1000 }
  internal-links: { min: 3 }
  external-links: { min: 2 }
  cluster-links: { min: 2 }
  faq: { min: 1 }
  key-takeaways: { min: 1 }
YAML
# wall time, peak RSS and output lines of one run. GNU time reads the peak from wait4 for the
# process alone; a python parent is the fallback, but its figure has a floor: a child spawned with
# vfork starts from the parent's high-water mark (with 10,000 paths in its argv, ~40 MB).
measure() {
  if [ -x /usr/bin/time ]; then
    rm -f "$tmp/time"
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > "$tmp/out" 2>/dev/null || true
    # no figure when the run could not start (too many paths for one command line)
    if ! read -r wall kb < "$tmp/time" 2>/dev/null || [ "$(wc -l < "$tmp/out")" = 0 ]; then
      echo "n/a n/a 0"
      return
    fi
    echo "$wall $(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }') $(wc -l < "$tmp/out")"
    return
  fi
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t
lines = p.stdout.count(b"\n")
print(f"{wall:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f} {lines}")
PY
}
for n in ${SIZES:-1 2 4}; do
  dir="$tmp/x$n"
  mkdir -p "$dir"
  for i in $(seq "$n"); do cp -al "$corpus" "$dir/copy$i"; done
  mapfile -t paths < <(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.mdx' \) | sort)
  common=(--no-cache --config "$tmp/every-rule.yaml" --keyword the --format "$format" --fail-on never)
  read -r wall peak lines <<<"$(measure "$bin" "${common[@]}" "$dir")"
  echo "${n}x corpus, folder (site checks): ${#paths[@]} files, wall ${wall} s, peak RSS ${peak} MB, ${lines} lines of $format"
  read -r wall peak lines <<<"$(measure "$bin" "${common[@]}" "${paths[@]}")"
  echo "${n}x corpus, files named (no site checks): wall ${wall} s, peak RSS ${peak} MB, ${lines} lines of $format"
done
