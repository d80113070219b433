#!/usr/bin/env bash
# bench/refcounts.sh [N] — reference counting per report, and how much of it is on objects that
# both worker threads share.
#
# Every swift_retain/swift_release (and bridge-object form) that tce makes through the dynamic
# linker is counted by an LD_PRELOAD library (bench/refcounts/interpose.c, built with gcc) while
# `tce check --format json` runs on the first N reports (default 1000) of the profiling corpus.
# Each is an atomic instruction, which callgrind counts as one instruction; on an object that
# both cores keep touching, its cache line moves between them. Printed per report: all
# operations; those on shared heap objects (touched by more than one thread and at least once
# per report on average: the rule set's, not a report's objects handed from thread to thread);
# those on objects inside a loaded image (immortal: read, never written); and the callers with
# the most operations on shared objects. (Operations inside the Swift runtime itself, a bridge
# retain calling swift_retain, are not seen.) Needs gcc, addr2line (binutils), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
# The release build links the Swift runtime statically (Package.swift), where no LD_PRELOAD
# library can see its calls: a build with the runtime dynamic, in its own folder, is counted.
if [ -z "${TCE:-}" ]; then
  TCE_DYNAMIC_STDLIB=1 swift build -c release --scratch-path .build/dynamic-stdlib >/dev/null
  TCE=.build/dynamic-stdlib/release/tce
fi
CORPUS=/tmp/tce-bench/profile-$N
if [ ! -f "$CORPUS/.complete" ]; then
  rm -rf "$CORPUS"; python3 bench/gen.py "$N" "$CORPUS" >/dev/null; touch "$CORPUS/.complete"
fi
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
gcc -O2 -shared -fPIC bench/refcounts/interpose.c -o "$WORK/interpose.so" -ldl -lpthread
REFCOUNTS_OUT="$WORK/counts" LD_PRELOAD="$WORK/interpose.so" "$TCE" check --format json --rules rules "$CORPUS" >/dev/null || true
python3 - "$WORK/counts" "$N" "$TCE" <<'PY'
import collections, subprocess, sys
path, n, binary = sys.argv[1], int(sys.argv[2]), sys.argv[3]
per_object, threads, in_image, by_caller = collections.Counter(), {}, {}, collections.defaultdict(collections.Counter)
for line in open(path):
    obj, lib, off, count, thread, image = line.split()
    count = int(count)
    per_object[obj] += count
    by_caller[obj][(lib, off)] += count
    in_image[obj] = image == "1"
    threads[obj] = int(thread) if threads.get(obj, int(thread)) == int(thread) else -1
shared = [o for o in per_object if threads[o] == -1 and not in_image[o] and per_object[o] >= n]
immortal = [o for o in per_object if in_image[o]]
total = sum(per_object.values())
print(f"reference-count operations per report, {n} reports (start-up included)")
print(f"  all                                   {total / n:10,.0f}")
print(f"  on shared heap objects               {sum(per_object[o] for o in shared) / n:10,.0f}  ({len(shared)} objects)")
print(f"  on immortal objects in loaded images  {sum(per_object[o] for o in immortal) / n:10,.0f}")
callers = collections.Counter()
for o in shared:
    for key, count in by_caller[o].items():
        callers[key] += count
print("callers with the most operations on shared heap objects, per report:")
for (lib, off), count in callers.most_common(12):
    where = lib.rsplit("/", 1)[-1] + "+" + off
    if lib.endswith("/tce") or lib == binary:
        out = subprocess.run(["addr2line", "-f", "-e", binary, hex(int(off, 16) - 1)], capture_output=True, text=True).stdout.split("\n")
        where = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input=out[0] + "\n",
                               capture_output=True, text=True).stdout.strip()
    print(f"  {count / n:8,.1f}  {where[:110]}")
PY
