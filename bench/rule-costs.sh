#!/usr/bin/env bash
# bench/rule-costs.sh [N] — what each rule costs per report, end to end, in instructions.
#
# Runs `tce check --format json` under callgrind on the first N reports (default 1000) of the
# benchmark corpus (bench/gen.py) once with the whole rule set, then once per rule with that
# rule left out (a copy of rules/ without its file, and without its line in the letter
# obligations of ruleset.yaml). The difference is what the rule costs: evaluating it, wording
# its finding, its evidence, its JSON, counting and freeing it, and loading it (spread over the
# N reports, ≈ 2,400 at 1,000). Takes about 20 s per rule on the project's machine.
# Needs valgrind (apt-get install valgrind), like bench/profile.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
source bench/callgrind-setup.sh

instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$WORK/out" \
    "$WORK/tce" check --format json --rules "$1" "$CORPUS" >/dev/null 2>"$WORK/log" || true
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/log"
}

all=$(instructions rules)
printf 'callgrind, %d reports; instructions per report\n' "$N"
printf '%-28s %10d\n' "all rules (whole run)" $((all / N))
total=0
for file in rules/rules/*.yaml; do
  id=$(basename "$file" .yaml)
  rm -rf "$WORK/rules" && cp -r rules "$WORK/rules"
  rm "$WORK/rules/rules/$id.yaml"
  sed -i "/^[[:space:]]*- $id[[:space:]]*\$/d" "$WORK/rules/ruleset.yaml"
  without=$(instructions "$WORK/rules")
  cost=$(((all - without) / N))
  total=$((total + cost))
  printf '%-28s %10d\n' "$id" "$cost"
done
printf '%-28s %10d\n' "sum of the rules" "$total"
