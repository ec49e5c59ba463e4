#!/usr/bin/env bash
# The browser and HTML quality gates of the generated site. Used by ctest (browser_quality,
# browser_base_path, browser_gates_selftest); runs by hand as well.
#
#   tests/browser/run.sh [BINARY [CONTENT]]  build the site with BINARY (default build/icips-site)
#                                            from CONTENT (default content/) into a temporary
#                                            directory and check it
#   tests/browser/run.sh --site DIR          check an already built site in DIR (no build)
#   tests/browser/run.sh --base-path [BINARY [CONTENT]]
#                                            build the site for https://example.org/standards/
#                                            and check it served under /standards/: the crawl,
#                                            the fillable pages, the self-assessment and search
#   tests/browser/run.sh --self-test         prove the gates fail on known-bad fixtures
#
# First installs what is missing: Debian's chromium and a Java runtime (apt-get, as root), and the
# pinned npm tools (npm ci, when node_modules is missing or older than package-lock.json).
# Checks: Nu HTML Checker over every .html file (html-check.sh), then axe-core WCAG 2.2 AA,
# keyboard reachability and focus visibility at 1280 and 375 px with full-page screenshots
# (a11y.mjs, pages listed in pages.mjs), then the maturity self-assessment used end to end
# (self-assessment.mjs), the fillable pages (answers.mjs), search (search.mjs), the checklist as a
# tracker (checklist.mjs), whether the pages orient a visitor: phone header and Menu button, the
# home page's ways in, the grades, the maturity result (orient.mjs), and a crawl of every page and
# every internal link and asset (crawl.mjs). Screenshots go to
# $ICIPS_SCREENSHOTS, by default <BINARY's directory>/screenshots (build/screenshots). Quiet on
# success: one line per check.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

mode=build site="" binary="$repo/build/icips-site" content="$repo/content"
case "${1:-}" in
  --self-test) mode=self-test ;;
  --site) mode=site; site="${2:?--site needs a directory}" ;;
  --base-path) mode=base-path; binary="${2:-$binary}"; content="${3:-$content}" ;;
  -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  *) binary="$1"; content="${2:-$content}" ;;
esac

log="$(mktemp)"
work="$(mktemp -d)"
trap 'rm -rf "$log" "$work"' EXIT
# Runs a command quietly; on failure shows what it printed and stops.
quiet() {
  local what="$1"; shift
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "run.sh: $what failed" >&2
    exit 1
  fi
}

# --- setup (serialised: two ctest jobs may reach it at once) ---------------------------------
exec 9>"${TMPDIR:-/tmp}/icips-browser-setup.lock"
flock 9
missing=()
dpkg -s chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v java >/dev/null 2>&1 && ! dpkg -s default-jre-headless >/dev/null 2>&1; then
  missing+=(default-jre-headless)
fi
if ((${#missing[@]})); then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "run.sh: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  quiet "apt-get update" apt-get update -qq
  quiet "apt-get install ${missing[*]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" ]]; then
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; Debian's is used.
  (cd "$here" && quiet "npm ci" npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  touch "$stamp"
fi
flock -u 9

if [[ "$mode" == self-test ]]; then
  cd "$here"
  if node --test --test-reporter=spec self-test.mjs >"$log" 2>&1; then
    echo "self-test: $(grep -oE '^ℹ pass [0-9]+' "$log" | grep -oE '[0-9]+') gate checks behave on the fixtures (tests/browser/self-test.mjs)"
    exit 0
  fi
  cat "$log"
  echo "self-test: FAILED"
  exit 1
fi

# --- the site ----------------------------------------------------------------------------------
# A site published in a folder of another website, or as a Pages project site.
base_url=https://example.org/standards/ base=/standards/
if [[ "$mode" == build || "$mode" == base-path ]]; then
  if [[ ! -x "$binary" ]]; then
    echo "run.sh: $binary does not exist: run 'make' first" >&2
    exit 1
  fi
  site="$work/site"
  shots="${ICIPS_SCREENSHOTS:-$(dirname "$binary")/screenshots}"
  if [[ "$mode" == base-path ]]; then
    quiet "$binary build --base-url $base_url" "$binary" build --content "$content" --out "$site" --base-url "$base_url"
    echo "build for $base_url: $(tail -n 1 "$log")"
    failed=0
    node "$here/crawl.mjs" --root "$site" --base "$base" --base-url "$base_url" || failed=1
    node "$here/answers.mjs" --root "$site" --base "$base" || failed=1
    node "$here/self-assessment.mjs" --root "$site" --base "$base" --screenshots "$shots/base-path" || failed=1
    node "$here/search.mjs" --root "$site" --base "$base" --screenshots "$shots/base-path" || failed=1
    exit "$failed"
  fi
  quiet "$binary build --content $content --out $site" "$binary" build --content "$content" --out "$site"
  echo "build: $(tail -n 1 "$log")"
else
  [[ -d "$site" ]] || { echo "run.sh: $site is not a directory" >&2; exit 1; }
  site="$(cd "$site" && pwd)"
  shots="${ICIPS_SCREENSHOTS:-$repo/build/screenshots}"
fi

failed=0
"$here/html-check.sh" "$site" || failed=1
node "$here/a11y.mjs" --root "$site" --screenshots "$shots" || failed=1
node "$here/self-assessment.mjs" --root "$site" --screenshots "$shots" || failed=1
node "$here/answers.mjs" --root "$site" || failed=1
node "$here/search.mjs" --root "$site" --screenshots "$shots" || failed=1  # search: queries, time to results, keyboard
node "$here/orient.mjs" --root "$site" --screenshots "$shots" || failed=1  # header, menu, ways in, grades, maturity result
node "$here/checklist.mjs" --root "$site" || failed=1  # the checklist as a tracker, the grade page's inherited assignments
node "$here/crawl.mjs" --root "$site" || failed=1  # every page with its stylesheet, every internal link and asset
exit "$failed"
