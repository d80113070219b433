# bench/callgrind-setup.sh — sourced by bench/profile.sh and bench/rule-costs.sh (not run alone).
#
# Expects N (reports to profile) and the repository root as the working directory. Installs
# valgrind when missing, builds the release binary when missing, makes the N-report corpus
# (bench/gen.py) once, and sets CORPUS, WORK (a scratch folder, removed on exit unless KEEP
# names a folder to keep it in) and WORK/tce: a copy of the binary without debug information
# (symbols kept), since valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 writes.
TCE=${TCE:-.build/release/tce}
command -v valgrind >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
[ -x "$TCE" ] || swift build -c release >/dev/null
CORPUS=/tmp/tce-bench/profile-$N
if [ ! -f "$CORPUS/.complete" ]; then
  rm -rf "$CORPUS"
  python3 bench/gen.py "$N" "$CORPUS" >/dev/null
  touch "$CORPUS/.complete"
fi
WORK=${KEEP:-$(mktemp -d)}; mkdir -p "$WORK"; [ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
cp "$TCE" "$WORK/tce" && strip --strip-debug "$WORK/tce"
