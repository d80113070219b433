#!/usr/bin/env bash
# fuzz/run.sh TARGET SECONDS [libFuzzer options…] — fuzzes one target for SECONDS.
#
#   fuzz/run.sh report 600
#   fuzz/run.sh expression 600 -jobs=2 -workers=2
#
# TARGET is report or expression. Builds the target when missing (fuzz/build.sh), writes the
# seed corpus from samples/ and rules/ (fuzz/seeds.py) next to the growing corpus in
# fuzz/.work/TARGET/, and keeps crashes, timeouts and out-of-memory inputs in
# fuzz/.work/TARGET/artifacts/. Each found input becomes a regression test under
# Tests/TCEKitTests/Fuzz/ (fuzz/RESULTS.md lists them). Ends with the number of executions.
#
# SWIFT_BACKTRACE=enable=no lets a Swift trap end the process at once, so libFuzzer writes the
# input out. Leak detection is off: Swift keeps enum tags in pointer bits, which LeakSanitizer
# cannot follow (every rule set would show as leaked); leaks are checked with valgrind instead.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:?usage: fuzz/run.sh report|expression SECONDS [libFuzzer options]}
SECONDS_TO_RUN=${2:?usage: fuzz/run.sh report|expression SECONDS}
shift 2
BIN=fuzz/.build/fuzz-$TARGET
[ -x "$BIN" ] || fuzz/build.sh "$TARGET"

WORK=fuzz/.work/$TARGET
mkdir -p "$WORK/corpus" "$WORK/artifacts"
python3 fuzz/seeds.py "$TARGET" "$WORK/seeds"

case $TARGET in
  report) max_len=65536; dict=(-dict=fuzz/report.dict) ;;
  expression) max_len=2048; dict=(-dict=fuzz/expression.dict) ;;
esac

export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
export TCE_RULES=$PWD/rules
LOG=$WORK/run-$(date -u +%Y%m%dT%H%M%SZ).log
set +e
"$BIN" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 "${dict[@]}" -artifact_prefix="$WORK/artifacts/" "$@" \
  "$WORK/corpus" "$WORK/seeds" 2>&1 | tee "$LOG" | grep -E "^#[0-9]+ +(INITED|DONE|pulse)|^stat::|ERROR|SUMMARY|artifact"
status=${PIPESTATUS[0]}
set -e
echo "log: $LOG"
echo "artifacts: $(ls "$WORK/artifacts" | wc -l) in $WORK/artifacts"
exit "$status"
