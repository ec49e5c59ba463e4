#!/usr/bin/env bash
# The JSON Schemas of generator/schema/ against the loaders (schemas.test.mjs). Used by ctest
# (schema_contract); runs by hand as well.
#
#   tests/schema/run.sh [BINARY [CONTENT]]   validate CONTENT (default content/) and the bad-content
#                                            cases; with BINARY, also check that a site it builds
#                                            publishes the schemas at /schema/<kind>.json
#
# First installs the pinned npm packages (ajv, yaml) when node_modules is missing or older than
# package-lock.json; after that it needs no network.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${1:-}" in
  -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
esac

# Serialised: two ctest jobs may reach it at once.
exec 9>"${TMPDIR:-/tmp}/icips-schema-setup.lock"
flock 9
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" ]]; then
  if ! (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error); then
    echo "run.sh: npm ci failed in $here" >&2
    exit 1
  fi
  touch "$stamp"
fi
flock -u 9

export ICIPS_BINARY="${1:-}"
[[ -n "${2:-}" ]] && export ICIPS_CONTENT="$2"
cd "$here"
exec node --test --test-reporter=spec schemas.test.mjs
