#!/usr/bin/env bash
# Renders what `tce notices` and `tce letters --format xlsx` write for a batch, for a visual check:
# DOCX and XLSX to PDF with LibreOffice (headless), PDF to PNG with pdftoppm, when they are installed.
#
#   scripts/render-notices.sh [-o OUT] [-d YYYY-MM-DD] [-r DPI] [PATH...]   (default: -o out/render samples)
#
# The HTML notices go to PDF with WeasyPrint when it is installed (it honours the @page A4 print
# stylesheet). A document that cannot be loaded is reported and makes the script fail. Needs: a built
# tce (swift build), libreoffice-writer, libreoffice-calc, fonts-noto-cjk, poppler-utils; weasyprint (pip).
set -euo pipefail
cd "$(dirname "$0")/.."

out=out/render date=2012-03-15 dpi=60
while getopts "o:d:r:" opt; do
  case $opt in
    o) out=$OPTARG ;;
    d) date=$OPTARG ;;
    r) dpi=$OPTARG ;;
    *) echo "usage: $0 [-o OUT] [-d YYYY-MM-DD] [-r DPI] [PATH...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- samples

tce=${TCE:-.build/debug/tce}
[ -x "$tce" ] || swift build
rm -rf "$out"
mkdir -p "$out/notices" "$out/pdf" "$out/png"

# Exit code 2 only says some inputs were invalid (samples/invalid is); anything else is a real failure.
status=0
"$tce" notices "$@" --out "$out/notices" --kind all --format both --date "$date" || status=$?
[ "$status" -le 2 ] || exit "$status"
status=0
"$tce" letters "$@" --format xlsx --out "$out/letters.xlsx" || status=$?
[ "$status" -le 2 ] || exit "$status"

if ! command -v soffice >/dev/null 2>&1; then
  echo "LibreOffice (soffice) is not installed: wrote $out/notices and $out/letters.xlsx, no PDF or PNG."
  exit 0
fi
# A private LibreOffice profile: no interference with a running instance or the user's settings.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
documents=("$out"/notices/*.docx "$out/letters.xlsx")
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out/pdf" "${documents[@]}" \
  > "$out/soffice.log" 2>&1 || true
missing=0
for doc in "${documents[@]}"; do
  pdf="$out/pdf/$(basename "${doc%.*}").pdf"
  if [ ! -s "$pdf" ]; then
    echo "LibreOffice could not convert $doc (see $out/soffice.log)" >&2
    missing=$((missing + 1))
  fi
done

# The HTML notices through a CSS paged-media engine (honours @page A4), when WeasyPrint is installed.
if command -v weasyprint >/dev/null 2>&1; then
  for html in "$out"/notices/*.html; do
    [ "$(basename "$html")" = index.html ] && continue
    weasyprint -q "$html" "$out/pdf/$(basename "${html%.html}")-html.pdf" || { echo "WeasyPrint failed on $html" >&2; missing=$((missing + 1)); }
  done
else
  echo "WeasyPrint is not installed (pip install weasyprint): HTML notices not rendered."
fi

if command -v pdftoppm >/dev/null 2>&1; then
  for pdf in "$out"/pdf/*.pdf; do
    pdftoppm -png -r "$dpi" "$pdf" "$out/png/$(basename "${pdf%.pdf}")"
  done
  echo "PNG pages in $out/png/"
else
  echo "pdftoppm (poppler-utils) is not installed: PDFs in $out/pdf/, no PNG."
fi
echo "$(ls "$out"/pdf/*.pdf 2>/dev/null | wc -l) PDFs in $out/pdf/"
[ "$missing" -eq 0 ]
