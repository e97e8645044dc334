#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
# Every test (`npm test`, the README's command; CI's .ci/run calls it): check, typecheck, unit and
# integration tests, browser journeys, in this order, stopping at the first failure, each phase timed.
# The production build the journeys need is made in the background from the start, while the checks
# and vitest run (they leave the CPU idle part of the time, waiting on the databases); the journeys
# then reuse it (E2E_SKIP_BUILD=1) rather than building in scripts/e2e-server.ts.
mkdir -p reports
PHASES=()
phase() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  PHASES+=("$name $((SECONDS - start)) s")
  echo "== $name: $((SECONDS - start)) s"
}
(
  start=$(date +%s)
  NODE_ENV=production npx next build >reports/next-build.log 2>&1
  echo "$(($(date +%s) - start))" >reports/next-build.seconds
) &
build_pid=$!
trap 'kill "$build_pid" 2>/dev/null || true' EXIT
phase check npm run --silent check
phase typecheck npm run --silent typecheck
phase vitest npm run --silent test:unit
if ! wait "$build_pid"; then
  cat reports/next-build.log
  echo "== next build failed"
  exit 1
fi
PHASES+=("next build (in the background) $(cat reports/next-build.seconds) s")
phase playwright env E2E_SKIP_BUILD=1 npm run --silent test:e2e
echo "== phases: $(IFS=';'; echo "${PHASES[*]}")"
