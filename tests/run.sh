#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need first (Debian's postgresql and chromium)
# when they are missing and this shell may install packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
[ -x "${SCORECOCKPIT_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "$sudo" ] || command -v sudo > /dev/null; then
    echo "Installing ${missing[*]} for the tests..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  else
    echo "Missing ${missing[*]}: install with 'apt-get install ${missing[*]}'. Tests needing them will skip (or fail when CI is set)." >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
if [ $# -gt 0 ]; then
  # A filter or option given: one run over the solution, as dotnet test would.
  dotnet test --solution ScoreCockpit.sln "$@" 2>&1 | tee "$log" || status=$?
elif dotnet build ScoreCockpit.sln -v quiet -nologo 2>&1 | tee "$log"; then
  # The engine tests run beside the portal tests, then beside the browser journeys: a journey waits for what the
  # page signals, never for a fixed time, so a busy machine slows it without failing it, and the suite's wall time
  # is the engine's rather than the sum of all three.
  dotnet test --no-build --project tests/ScoreCockpit.Engine.Tests 2>&1 | tee -a "$log" &
  engine=$!
  dotnet test --no-build --project tests/ScoreCockpit.Web.Tests 2>&1 | tee -a "$log" || status=$?
  dotnet test --no-build --project tests/ScoreCockpit.EndToEnd.Tests 2>&1 | tee -a "$log" || status=$?
  wait $engine || status=$?
else
  status=1
fi

# Plain closing lines for any reader: the failed tests by name, then the totals over every test project.
if grep -q '^failed ' "$log"; then
  echo "Failed tests:"
  grep '^failed ' "$log" | sed 's/^failed /  /'
fi
awk '/^  total:/ {t+=$2} /^  failed:/ {f+=$2} /^  succeeded:/ {s+=$2} /^  skipped:/ {k+=$2}
     END { printf "Tests: %d passed, %d failed, %d skipped\n", s, f, k }' "$log"
screenshots=tests/ScoreCockpit.EndToEnd.Tests/bin/Debug/net10.0/screenshots
[ -d "$screenshots" ] && echo "Browser screenshots: $screenshots"
exit $status
