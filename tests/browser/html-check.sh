#!/usr/bin/env bash
# html-check.sh DIR — runs the Nu HTML Checker (vnu.jar from the vnu-jar npm package, on the
# machine's java) over every .html file under DIR. Errors only (no warnings or info messages).
# Exit 0 with one summary line when every page is valid; otherwise prints each error as
# `path:line.col: error: message` (path relative to DIR) and exits 1. Exit 2 on a setup problem.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-}"
if [[ -z "$dir" || ! -d "$dir" ]]; then
  echo "usage: html-check.sh DIR   (DIR: a built site)" >&2
  exit 2
fi
dir="$(cd "$dir" && pwd -P)"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
if [[ ! -f "$jar" ]]; then
  echo "html-check: $jar is missing: run 'npm ci --ignore-scripts' in $here (run.sh does this)" >&2
  exit 2
fi
if ! command -v java >/dev/null; then
  echo "html-check: no java: apt-get install default-jre-headless (run.sh does this)" >&2
  exit 2
fi

pages=$(find "$dir" -type f -name '*.html' | wc -l)
if [[ "$pages" -eq 0 ]]; then
  echo "html-check: no .html files under $dir" >&2
  exit 1
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
java -Xss4m -jar "$jar" --skip-non-html --errors-only --asciiquotes --no-langdetect \
  --format gnu --stdout "$dir" >"$out" 2>&1 || status=$?

# vnu names each file as "file:/abs/path.html"; show it relative to the site root instead.
errors="$(sed -e "s|^\"file:$dir/\([^\"]*\)\":|\1:|" -e 's|^"file:\([^"]*\)":|\1:|' "$out")"
count=$(grep -c ': error:' <<<"$errors" || true)

if [[ "$status" -eq 0 && "$count" -eq 0 ]]; then
  echo "html-check: $pages pages, 0 errors"
  exit 0
fi
printf '%s\n' "$errors"
files=$(grep ': error:' <<<"$errors" | cut -d: -f1 | sort -u | wc -l || true)
echo "html-check: FAILED: $count errors in $files of $pages pages (Nu HTML Checker, exit $status)"
exit 1
