#!/usr/bin/env bash
# fuzz/build.sh [TARGET…] — builds the libFuzzer targets into fuzz/.build/.
#
# Targets: report (ReportFuzzTarget.swift), expression (ExpressionFuzzTarget.swift).
# Each is compiled together with every TCEKit source as one module (so it can reach the
# loader's internal fast and full paths), instrumented with -sanitize=fuzzer,address.
# Yams comes precompiled from the package's own release build; libxml2 from the system.
# `swift build` and `swift test` never see these files: nothing here is in Package.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/fuzz/.build
mkdir -p "$OUT"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(report expression)

# Yams (and its C part) as the release build leaves them.
# TCEKit's dependencies, built by SwiftPM; their objects are linked into each target.
for dep in Yams Mustache ZIPFoundation; do swift build -c release --target "$dep" >/dev/null; done
REL=$(swift build -c release --show-bin-path)
YAMS_OBJECTS=$(find "$REL/Yams.build" "$REL/CYaml.build" "$REL/Mustache.build" "$REL/ZIPFoundation.build" -name '*.o' | sort)
mapfile -t SOURCES < <(find Sources/TCEKit -name '*.swift' | sort)

for t in "${targets[@]}"; do
  case $t in
    report) file=fuzz/ReportFuzzTarget.swift ;;
    expression) file=fuzz/ExpressionFuzzTarget.swift ;;
    *) echo "unknown target $t (report, expression)" >&2; exit 2 ;;
  esac
  echo "building fuzz/.build/fuzz-$t"
  swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name TCEKit \
    -swift-version 6 \
    "${SOURCES[@]}" "$file" \
    -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2 \
    -I "$REL/Modules" -Xcc -I"$ROOT/.build/checkouts/Yams/Sources/CYaml/include" \
    -I "$ROOT/.build/checkouts/ZIPFoundation/Sources/CZLib" \
    $YAMS_OBJECTS -lxml2 -lz \
    -module-cache-path "$OUT/ModuleCache" \
    -o "$OUT/fuzz-$t"
done
