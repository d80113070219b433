#!/usr/bin/env bash
# bench/rounds.sh N ROUNDS [OTHER_TCE] — interleaved rounds: xmllint --noout, tce and (if given)
# another tce binary, back to back, ROUNDS times, on the corpus of bench/run.sh.
#
#   bench/rounds.sh 10000 6                      # this build against xmllint
#   bench/rounds.sh 100000 3 /tmp/tce-before     # and against an earlier build
#
# The VM this project is measured on drifts by 10–30 % from minute to minute, so one best-of-3
# run of bench/run.sh can catch xmllint in a slow minute and tce in a fast one. Rounds see the
# same minute for every command; compare the per-round ratios it prints, and their median.
# OTHER_TCE is run with --rules rules, so a binary copied elsewhere finds this rule set. tce and
# OTHER_TCE take turns at running first: on this VM the one right after xmllint was measured up
# to 7 % slower, whichever it was (two builds with the same instruction count, in both orders).
# Environment: CORPUS (default /tmp/tce-bench/N), TCE (default .build/release/tce).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: bench/rounds.sh N ROUNDS [OTHER_TCE]}
ROUNDS=${2:?usage: bench/rounds.sh N ROUNDS [OTHER_TCE]}
OTHER=${3:-}
CORPUS=${CORPUS:-/tmp/tce-bench/$N}
TCE=${TCE:-$PWD/.build/release/tce}
[ -f "$CORPUS/.complete" ] || { echo "no corpus at $CORPUS: run bench/run.sh $N first" >&2; exit 2; }
[ -x "$TCE" ] || swift build -c release >/dev/null

LIST=$(mktemp); TIMES=$(mktemp); trap 'rm -f "$LIST" "$TIMES"' EXIT
(cd "$CORPUS" && find . -name '*.xml' -type f | LC_ALL=C sort | sed "s|^\.|$CORPUS|") >"$LIST"
xargs -a "$LIST" cat >/dev/null  # warm the page cache

# Prints "wall cpu" (seconds; cpu = user + system) of one run of "$1".
timed() {
  /usr/bin/time -f "%e %U %S" -o "$TIMES" bash -c "$1" >/dev/null 2>&1 || true
  # The last line: a command that exits non-zero (tce does when a report fails) adds one before it.
  tail -n 1 "$TIMES" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}

printf '%-6s %-14s %-14s %-14s %-10s %s\n' round "(a) wall cpu" "tce wall cpu" "other wall cpu" "tce/(a)" "tce/other"
ratios=(); versus=()
for ((r = 1; r <= ROUNDS; r++)); do
  read -r aw ac <<<"$(timed "xargs -a $LIST -n 1000 xmllint --noout")"
  ow="-"; oc="-"; vs="-"
  if [ -n "$OTHER" ] && ((r % 2 == 0)); then
    read -r ow oc <<<"$(timed "$OTHER check --format json --rules rules $CORPUS")"
  fi
  read -r tw tc <<<"$(timed "$TCE check --format json $CORPUS")"
  if [ -n "$OTHER" ] && ((r % 2 == 1)); then
    read -r ow oc <<<"$(timed "$OTHER check --format json --rules rules $CORPUS")"
  fi
  if [ -n "$OTHER" ]; then
    vs=$(awk -v t="$tw" -v o="$ow" 'BEGIN { printf "%.2f", t / o }')
    versus+=("$vs")
  fi
  ratio=$(awk -v t="$tw" -v a="$aw" 'BEGIN { printf "%.2f", t / a }')
  ratios+=("$ratio")
  printf '%-6s %-14s %-14s %-14s %-10s %s\n' "$r" "$aw $ac" "$tw $tc" "$ow $oc" "$ratio" "$vs"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median tce/(a): $(median "${ratios[@]}")   (target: at most 0.90)"
[ -z "$OTHER" ] || echo "median tce/other: $(median "${versus[@]}")   (tce ran first in odd rounds, second in even ones)"
