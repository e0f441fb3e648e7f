#!/usr/bin/env bash
# Runs every test of VideoRelay: installs what is missing, builds, then the .NET suites and the player's
# own tests. Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter "Category!=EndToEnd"]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CONFIGURATION=Release
scripts/setup.sh

log=$(mktemp)
status=0
dotnet test VideoRelay.sln -c Release --no-build -nologo -v q --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

node_status=0
if [ -d player-web/test ]; then
  node --test player-web/test/ 2>&1 | tee -a "$log" || node_status=$?
fi

# One closing line over every runner: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
npassed=$(grep -oE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
nfailed=$(grep -oE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
rm -f "$log"
echo "$((passed + npassed)) passed, $((failed + nfailed)) failed"
[ "$status" -eq 0 ] && [ "$node_status" -eq 0 ]
