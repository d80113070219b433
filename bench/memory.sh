#!/usr/bin/env bash
# bench/memory.sh N [N…] — does tce's memory grow with the batch? Peak RSS at several sizes.
#
#   bench/memory.sh 10000 100000 300000
#
# For each N: the corpus of bench/gen.py (CORPUS_ROOT/N, default /tmp/tce-bench/N, generated
# when missing), page cache warmed with one pass, then `tce check --format json CORPUS >
# /dev/null` under /usr/bin/time, RUNS times (default 2). Prints peak RSS for each size and what
# the largest batch holds per report more than the smallest. Not a timed test: wall times are
# printed for context only (bench/run.sh compares speed).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/memory.sh N [N…]"; exit 2; }
TCE=${TCE:-$PWD/.build/release/tce}
ROOT=${CORPUS_ROOT:-/tmp/tce-bench}
RUNS=${RUNS:-2}
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
[ -x "$TCE" ] || swift build -c release >/dev/null

declare -A PEAK
for n in "$@"; do
  corpus=$ROOT/$n
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 bench/gen.py "$n" "$corpus" --stats
    touch "$corpus/.complete"
  fi
  find "$corpus" -name '*.xml' -type f -print0 | xargs -0 cat >/dev/null
  best=0
  for ((i = 1; i <= RUNS; i++)); do
    log=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$log" "$TCE" check --format json "$corpus" >/dev/null || true
    # The last line: time puts "Command exited with non-zero status N" before it (tce exits 1 or 2
    # when reports fail or are invalid).
    read -r wall kb < <(tail -n 1 "$log"); rm -f "$log"
    printf '  %7d reports, run %d: wall %6.2f s  peak RSS %6.1f MB\n' "$n" "$i" "$wall" "$(echo "$kb / 1024" | bc -l)"
    (( kb > best )) && best=$kb
  done
  PEAK[$n]=$best
done

echo
echo "| reports | peak RSS MB (highest of $RUNS) |"
echo "|---:|---:|"
for n in "$@"; do printf '| %d | %.1f |\n' "$n" "$(echo "${PEAK[$n]} / 1024" | bc -l)"; done
first=$1; last=${!#}
if [ "$first" != "$last" ]; then
  growth=$(echo "(${PEAK[$last]} - ${PEAK[$first]}) * 1024 / ($last - $first)" | bc -l)
  printf '\ngrowth from %d to %d reports: %.0f bytes per report\n' "$first" "$last" "$growth"
fi
