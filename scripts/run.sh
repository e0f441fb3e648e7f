#!/usr/bin/env bash
# Runs the all-in-one VideoRelay node (ingest + edge in one process) after installing what is missing.
# Extra arguments go to the node, e.g. scripts/run.sh --Edge:AnnouncedAddress=192.168.1.20
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CONFIGURATION=Release
scripts/setup.sh
exec dotnet host/VideoRelay.Node/bin/Release/net10.0/VideoRelay.Node.dll "$@"
