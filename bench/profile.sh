#!/usr/bin/env bash
# bench/profile.sh [N] — where tce's time goes, in instructions per report (callgrind).
#
# Runs `tce check --format json` under valgrind's callgrind on the first N reports (default
# 1000) of the benchmark corpus (bench/gen.py) and prints, for each stage of a report's way
# through tce, the instructions it costs per report (inclusive: a stage counts what it calls).
# Instruction counts do not depend on the machine's load, so two builds compare exactly;
# the batch runs on the usual worker threads, which callgrind serialises. Stages are found by
# symbol, so what the optimiser inlines is counted with its caller.
#
# valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 writes, so a copy of the binary without
# debug information (symbols kept) is profiled (bench/callgrind-setup.sh; KEEP=DIR keeps the
# callgrind output there). Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
source bench/callgrind-setup.sh
valgrind --tool=callgrind --callgrind-out-file="$WORK/out" \
  "$WORK/tce" check --format json --rules rules "$CORPUS" >/dev/null 2>"$WORK/log" || true
callgrind_annotate --inclusive=yes --threshold=100 "$WORK/out" >"$WORK/inclusive" 2>/dev/null
python3 - "$WORK/inclusive" "$N" <<'PY'
import re, sys
path, n = sys.argv[1], int(sys.argv[2])
rows = {}
total = 0
for line in open(path):
    m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(.*)", line)
    if not m:
        continue
    count, name = int(m.group(1).replace(",", "")), m.group(2)
    if "PROGRAM TOTALS" in name:
        total = count
    rows.setdefault(name, count)
def find(*needles):
    best = 0
    for name, count in rows.items():
        if all(x in name for x in needles):
            best = max(best, count)
    return best
stages = [
    ("whole run, per report (start-up and rule set included)", total),
    ("  load one report (read, scans, parse, validate, decode)", find("ReportLoaderV4load5bytes")),
    ("    pre-checks (declaration, DOCTYPE, crowded tags)", find("HardenedXMLO9preflight")),
    ("    libxml2's input: comments' text out (FastPathInput)", find("FastPathInputV", "cfC")),
    ("    streaming parse + schema checks (validTree)", find("ReportSchemaC9validTree")),
    ("      of which the compiled schema's checks (CompiledSchema)", find("CompiledSchemaV7acceptsySbAA11ElementTreeCF")),
    ("      of which building the ElementTree (SAX callbacks)",
     find("StreamingTreeBuilder", "handler", "U_To [") + find("StreamingTreeBuilder", "handler", "U0_To [")
     + find("StreamingTreeBuilder", "handler", "U1_To [")),
    ("    slow path for invalid reports (whole-tree parse)", find("ReportLoaderV7explain")),
    ("    tree to Report (ReportDecoder)", find("ReportDecoderV6decode")),
    ("  facts and 12 per-report rules (Checker.check)", find("CheckerV5check_4file")),
    ("    of which rules and their wording (RuleEvaluator.run)", find("RuleEvaluatorV3run")),
    ("  batch rule and JSON (finish + render, workers)", find("process_7checker9firstSeen", "SiYbXEfU1_ [")),
    ("    of which the batch rule (Checker.finish)", find("CheckerV6finish")),
    ("    of which JSON rendering", find("JSONReporterV", "10renderUTF8")),
    ("  ordered output, summary, freeing (main thread)", find("BatchRunnerV3run_6render4emit", "Rtzr0_lF [")),
    ("    of which the summary (BatchSummary.add)", find("BatchSummaryV3add")),
]
print(f"callgrind, {n} reports: instructions per report (inclusive)")
print(f"{'rule set loading, once for the run':58s} {find('RuleSetLoaderV4load'):>10,.0f} (whole)")
for label, count in stages:
    print(f"{label:58s} {count / n:>10,.0f}")
PY
