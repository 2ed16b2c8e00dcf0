#!/usr/bin/env bash
# Time and memory as a site grows: seolint over 1x, 4x and 16x the corpus, every rule on, site
# checks included. The copies are made by benches/titled_copies.py: each article of copy k has
# " (copy k)" at the end of its title and H1, so a 40x site is 100,000 different articles, not
# 40 copies of each page (other files are hard-linked).
# For each size: the folder linted without the result cache (--no-cache: what is measured is
# linting), then with it, cold (filling it) and warm; and the same files named one by one (no
# site checks: only the file in flight is held; n/a when the paths do not fit one command line).
# Prints wall time, peak RSS, and both per file; at the end, what each file beyond the first
# size adds to the peak.
# Usage: benches/scale.sh [CORPUS_DIR] [FORMAT]   (default ../shared/corpus, concise)
# SIZES="1 4 16 40" benches/scale.sh: other sizes (default 1 4 16).
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
    if ! read -r wall kb 2>/dev/null < "$tmp/time" || [ "$(wc -l < "$tmp/out")" = 0 ]; then
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
sizes=(${SIZES:-1 4 16})
max=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
python3 benches/titled_copies.py "$corpus" "$tmp/all" "$max"
first_files=""
for n in "${sizes[@]}"; do
  dir="$tmp/x$n"
  mkdir -p "$dir"
  for i in $(seq "$n"); do cp -al "$tmp/all/copy$i" "$dir/copy$i"; done
  mapfile -t paths < <(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.mdx' \) | sort)
  files=${#paths[@]}
  common=(--config "$tmp/every-rule.yaml" --keyword the --format "$format" --fail-on never)
  per_file() { awk -v w="$1" -v m="$2" -v n="$files" 'BEGIN { if (w == "n/a") print "n/a"; else printf "%.3f ms and %.1f KB a file", w * 1000 / n, m * 1024 / n }'; }
  read -r wall peak lines <<<"$(measure "$bin" --no-cache "${common[@]}" "$dir")"
  echo "${n}x: ${files} files, folder (site checks), no cache: wall ${wall} s, peak RSS ${peak} MB ($(per_file "$wall" "$peak")), ${lines} lines of $format"
  if [ -z "$first_files" ]; then first_files=$files first_peak=$peak; fi
  last_files=$files last_peak=$peak
  read -r wall peak _ <<<"$(measure "$bin" --cache-dir "$tmp/cache$n" "${common[@]}" "$dir")"
  echo "${n}x: folder, filling the cache: wall ${wall} s, peak RSS ${peak} MB"
  read -r wall peak _ <<<"$(measure "$bin" --cache-dir "$tmp/cache$n" "${common[@]}" "$dir")"
  echo "${n}x: folder, warm cache ($(du -m "$tmp"/cache"$n"/*.bin | awk '{ print $1 }') MB): wall ${wall} s, peak RSS ${peak} MB ($(per_file "$wall" "$peak"))"
  read -r wall peak lines <<<"$(measure "$bin" --no-cache "${common[@]}" "${paths[@]}")"
  echo "${n}x: files named (no site checks), no cache: wall ${wall} s, peak RSS ${peak} MB, ${lines} lines of $format"
  rm -rf "$dir" "$tmp/cache$n"
done
if [ "$last_files" != "$first_files" ]; then
  awk -v a="$first_peak" -v b="$last_peak" -v fa="$first_files" -v fb="$last_files" \
    'BEGIN { printf "each file beyond the first size adds %.2f KB to the peak (no cache, site checks on)\n", (b - a) * 1024 / (fb - fa) }'
fi
