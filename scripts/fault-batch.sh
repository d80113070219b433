#!/usr/bin/env bash
# scripts/fault-batch.sh — a batch of 2,000 inputs with injected faults must complete, list
# every input exactly once with the right status, and exit 2; output to a full or read-only
# destination must fail cleanly with a message and leave no partial file.
#
#   scripts/fault-batch.sh            # needs root (setpriv, mkfifo, mount of a tiny tmpfs)
#
# Faults: unreadable files, files deleted while the batch runs, directories named *.xml,
# symlink loops (self, pairs, a directory loop), dangling symlinks, named pipes *.xml,
# zero-byte files, 50 MB files, binary junk, and a path whose component is a file.
#
# Unreadable files: the tests run as root, and chmod 000 does not stop root. The check therefore
# runs as nobody (setpriv --reuid=65534), for whom mode 000 files cannot be opened.
# Deleted files: they sort last, at the end of the second window of 1,024. An inotify watch on
# their folder deletes them as soon as tce has listed it (closed the folder after reading it); tce lists a
# whole window before it reads its files (ahead, or on the workers), so they are deleted after
# being listed, and mostly before being read. Which of the two came first for each file is
# taken from the same watch (the kernel reports the opens and the deletions in the order they
# happened): a file opened before its deletion must come out checked, any other unreadable
# ("No such file"). Either way, each is listed once.
# Read-only destination: a root-owned directory, written as nobody. Full destination: /dev/full,
# and a 64 KiB tmpfs (skipped with a note where mounting is not allowed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TCE=${TCE:-$ROOT/.build/release/tce}
[ -x "$TCE" ] || swift build -c release >/dev/null
command -v inotifywait >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq inotify-tools >/dev/null
[ "$(id -u)" = 0 ] || { echo "run as root (setpriv, mount)"; exit 2; }

WORK=$(mktemp -d /tmp/tce-faults.XXXXXX)
chmod 755 "$WORK"
trap 'umount "$WORK/full" 2>/dev/null || true; rm -rf "$WORK"' EXIT
B=$WORK/batch
F=$B/aa-faults
mkdir -p "$F" "$B/zz-deleted"
python3 bench/gen.py 1879 "$WORK/gen" --seed 7 >/dev/null
mv "$WORK/gen/d000" "$B/d000"; mv "$WORK/gen/d001" "$B/d001"
sample=$B/d000/r0000000.xml

# The faults.
for i in $(seq -w 0 19); do : > "$F/empty-$i.xml"; done
for i in $(seq -w 0 19); do head -c 4096 /dev/urandom > "$F/junk-$i.xml"; done
for i in 0 1 2; do truncate -s 50M "$F/big-$i.xml"; done
yes '<EnergyReport xmlns="urn:tce:energy-report:1" version="1"></EnergyReport>' | head -c 52428800 > "$F/big-3.xml" || true
for i in $(seq -w 0 9); do mkdir "$F/dir-$i.xml"; done
for i in $(seq -w 0 4); do cp "$sample" "$F/dir-$i.xml/inside.xml"; done
for i in $(seq -w 0 4); do ln -s "loop-$i.xml" "$F/loop-$i.xml"; done
for i in 0 1; do ln -s "cycle-$i-b.xml" "$F/cycle-$i-a.xml"; ln -s "cycle-$i-a.xml" "$F/cycle-$i-b.xml"; done
for i in $(seq -w 0 9); do ln -s "/nonexistent/tce/$i.xml" "$F/dangling-$i.xml"; done
for i in $(seq -w 0 9); do mkfifo "$F/fifo-$i.xml"; done
for i in $(seq -w 0 19); do cp "$sample" "$F/unreadable-$i.xml"; chmod 000 "$F/unreadable-$i.xml"; done
mkdir "$F/sub"; cp "$sample" "$F/sub/report.xml"; ln -s .. "$F/sub/up"   # a directory loop
cp "$sample" "$F/notdir.xml"
for i in $(seq -w 0 19); do cp "$sample" "$B/zz-deleted/deleted-$i.xml"; done
chmod -R a+rX "$B" 2>/dev/null || true
chmod 000 "$F"/unreadable-*.xml

NOTDIR=$F/notdir.xml/inner.xml
echo "batch: $(find "$B" \( -type f -o -type l -o -type p \) -name '*.xml' | wc -l) entries named *.xml, plus $NOTDIR"

# Delete the zz-deleted files right after tce lists their folder; record every open and
# deletion there, in order.
inotifywait -q -m -e open,close_nowrite,delete --format '%e %f' "$B/zz-deleted" > "$WORK/zz-events" &
watcher=$!
(
  # Listed once the folder is closed the second time: tce opens it first when it lists the
  # parent (to find out whether it can be read), then to read it.
  until [ "$(grep -c '^CLOSE_NOWRITE,CLOSE,ISDIR $' "$WORK/zz-events" 2>/dev/null)" -ge 2 ]; do sleep 0.0005; done
  rm -f "$B"/zz-deleted/*.xml
) &
deleter=$!
sleep 0.3  # let inotifywait set its watch

set +e
start=$(date +%s.%N)
timeout 120 setpriv --reuid=65534 --regid=65534 --clear-groups \
  "$TCE" check --format json --rules "$ROOT/rules" "$B" "$NOTDIR" > "$WORK/out.json" 2> "$WORK/err.txt"
status=$?
end=$(date +%s.%N)
set -e
# A deleter that never saw its trigger must not keep the script waiting (the check below then
# reports that the watch saw no deletion).
sleep 0.2; kill "$deleter" "$watcher" 2>/dev/null || true
wait "$deleter" "$watcher" 2>/dev/null || true
echo "tce check: exit $status in $(echo "$end - $start" | bc) s"

python3 - "$WORK/out.json" "$B" "$NOTDIR" "$status" "$WORK/zz-events" <<'EOF'
import json, sys
out, batch, notdir, status, zz_events = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
doc = json.load(open(out))
reports = doc["reports"]
files = [r["file"] for r in reports]
problems = []
if status != 2: problems.append("exit code %d, want 2" % status)
if len(files) != len(set(files)): problems.append("some input listed more than once")
if files != sorted(files, key=lambda f: f.encode()): problems.append("not in byte-wise order")
by = {r["file"]: r for r in reports}
F = batch + "/aa-faults/"

def want(name, status, words=None):
    r = by.get(name)
    if r is None:
        problems.append("missing: " + name); return
    if r["status"] != status:
        problems.append("%s: %s, want %s (%s)" % (name, r["status"], status, r.get("errors")))
    elif words and not any(words in e["message"] for e in r.get("errors", [])):
        problems.append("%s: no error mentions %r: %s" % (name, words, r.get("errors")))

expected = set()
def exp(name, status, words=None):
    expected.add(name); want(name, status, words)

for i in range(20): exp(F + "empty-%02d.xml" % i, "invalid", "empty")
for i in range(20): exp(F + "junk-%02d.xml" % i, "invalid")
for i in range(4): exp(F + "big-%d.xml" % i, "invalid", "size limit")
for i in range(5): exp(F + "dir-%d.xml/inside.xml" % i, "checked")
for i in range(5): exp(F + "loop-%d.xml" % i, "invalid", "symbolic links")
for i in range(2):
    for s in "ab": exp(F + "cycle-%d-%s.xml" % (i, s), "invalid", "symbolic links")
for i in range(10): exp(F + "dangling-%d.xml" % i, "invalid", "No such file")
for i in range(10): exp(F + "fifo-%d.xml" % i, "invalid", "not a regular file")
for i in range(20): exp(F + "unreadable-%02d.xml" % i, "invalid", "Permission denied")
exp(F + "sub/report.xml", "checked")
exp(F + "notdir.xml", "checked")
exp(notdir, "invalid", "Not a directory")
# Each deleted file: checked if tce opened it before it was deleted, else unreadable.
read_first, gone_first = set(), set()
for line in open(zz_events):
    event, _, name = line.strip().partition(" ")
    if not name.endswith(".xml"): continue
    if event == "OPEN" and name not in gone_first: read_first.add(name)
    if event == "DELETE" and name not in read_first: gone_first.add(name)
if len(read_first) + len(gone_first) != 20:
    problems.append("the watch saw %d of the 20 deletions" % (len(read_first) + len(gone_first)))
for i in range(20):
    name = "deleted-%02d.xml" % i
    if name in read_first: exp(batch + "/zz-deleted/" + name, "checked")
    else: exp(batch + "/zz-deleted/" + name, "invalid", "No such file")
print("deleted while the batch ran: %d before tce read them, %d after" % (len(gone_first), len(read_first)))
generated = [f for f in files if f.startswith(batch + "/d00")]
for f in generated:
    expected.add(f)
    if by[f]["status"] != "checked": problems.append("%s: %s" % (f, by[f].get("errors")))
if len(generated) != 1879: problems.append("%d generated reports listed, want 1879" % len(generated))
extra = set(files) - expected
if extra: problems.append("unexpected entries: %s" % sorted(extra)[:5])
s = doc["summary"]
if s["reports"] != len(files) or len(files) != 2000:
    problems.append("summary says %d reports, %d listed, want 2000" % (s["reports"], len(files)))
print("listed %d inputs once each: %d checked, %d invalid; exit %d" % (len(files), s["checked"], s["invalid"], status))
if problems:
    print("PROBLEMS:"); [print("  " + p) for p in problems[:40]]; sys.exit(1)
print("fault batch: OK")
EOF

# Full and read-only destinations.
fail=0
expect_clean_failure() {  # name, status, stderr file, directory that must stay empty (or -)
  local name=$1 rc=$2 err=$3 dir=$4
  if [ "$rc" != 2 ] || ! grep -q "^tce: cannot write" "$err"; then
    echo "  $name: exit $rc, stderr: $(head -c 300 "$err")"; fail=1; return
  fi
  if [ "$dir" != - ] && [ -n "$(ls -A "$dir")" ]; then
    echo "  $name: left files behind: $(ls -A "$dir")"; fail=1; return
  fi
  echo "  $name: exit 2, \"$(head -1 "$err")\""
}
echo "destinations:"
set +e
"$TCE" check --format json "$B/d000" > /dev/full 2> "$WORK/e1"; expect_clean_failure "check > /dev/full" $? "$WORK/e1" -
"$TCE" letters "$B/d000" --out /dev/full 2> "$WORK/e2"; expect_clean_failure "letters --out /dev/full" $? "$WORK/e2" -
mkdir "$WORK/ro"; chmod 755 "$WORK/ro"
setpriv --reuid=65534 --regid=65534 --clear-groups "$TCE" letters --rules "$ROOT/rules" "$B/d000" --out "$WORK/ro/letters.csv" 2> "$WORK/e3"
expect_clean_failure "letters --out read-only-dir/letters.csv" $? "$WORK/e3" "$WORK/ro"
mkdir "$WORK/full"
if mount -t tmpfs -o size=64k tmpfs "$WORK/full" 2>/dev/null; then
  "$TCE" letters "$B/d000" "$B/d001" --out "$WORK/full/letters.csv" 2> "$WORK/e4"
  expect_clean_failure "letters --out 64KiB-tmpfs/letters.csv" $? "$WORK/e4" "$WORK/full"
  umount "$WORK/full"
else
  echo "  (no tiny tmpfs: mounting is not allowed here; the /dev/full cases stand in)"
fi
set -e
[ $fail = 0 ] && echo "destinations: OK" || { echo "destinations: FAILED"; exit 1; }
