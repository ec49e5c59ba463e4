#!/usr/bin/env bash
# The search's ranking over the query set of queries.mjs: builds the site with BINARY (default
# build/icips-site) from CONTENT (default content/) into a temporary directory and runs the site's
# own search code on its index in Node.js. Prints hits at 1 and at 3; fails when a query misses.
# Needs the search library in the theme (`make search-lib`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="${1:-$repo/build/icips-site}"
content="${2:-$repo/content}"
if [[ ! -f "$repo/themes/default/assets/vendor/minisearch.js" || ! -f "$repo/themes/default/assets/vendor/porter2-stemmer.js" ]]; then
  echo "search/run.sh: the theme has no search library: run 'make search-lib'" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$binary" build --content "$content" --out "$work/site" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
node "$here/queries.mjs" --root "$work/site"
