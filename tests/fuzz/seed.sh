#!/usr/bin/env bash
# Seeds the content fuzzer's corpus (argument: the corpus folder) from content/ and tests/bad-content/:
# each YAML or Markdown file becomes one input, prefixed with the byte that makes the harness put it
# where it belongs (see tests/fuzz/fuzz_content.h). Files over 1 MB are left out, and so are the
# bad-content cases marked known-failure (a known hang would stop the fuzzer before it starts).
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=$1
mkdir -p "$corpus"
rm -f "$corpus"/seed_*  # the seeds are made anew; what the fuzzer added stays
n=0
while IFS= read -r -d '' file; do
  case "$file" in
    */site.yaml) slot=0 ;;
    */standards/grades.yaml) slot=1 ;;
    */standards/areas.yaml) slot=2 ;;
    */standards/*/*.yaml) slot=3 ;;
    */packs/*.yaml) slot=4 ;;
    */maturity/*.yaml) slot=5 ;;
    *.md) slot=6 ;;
    *) continue ;;
  esac
  name=$(printf '%s' "$file" | tr '/' '_')
  { printf "\\x0$slot"; cat "$file"; } >"$corpus/seed_$name"
  n=$((n + 1))
done < <(
  skip=()
  for expect in tests/bad-content/*/expect.txt; do
    if grep -q '^known-failure:' "$expect"; then skip+=(-not -path "$(dirname "$expect")/*"); fi
  done
  find content tests/bad-content -type f \( -name '*.yaml' -o -name '*.md' \) -size -1024k "${skip[@]}" -print0)
echo "seeded $n inputs into $corpus"
