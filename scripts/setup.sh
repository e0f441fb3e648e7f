#!/usr/bin/env bash
# Installs what VideoRelay needs on Debian 12 (idempotent, quiet when all is present),
# then builds native/ (CMake) and the .NET solution.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packages=(cmake g++ pkg-config ffmpeg libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
          libx264-dev libopus-dev libsrt1.5-openssl libsrt-openssl-dev chromium iproute2 valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi

# native/: the FFmpeg shim
if [ -f native/CMakeLists.txt ]; then
  cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build native/build -j"$(nproc)" >/dev/null
fi

# player-web/ test dependencies (playwright-core drives the system chromium; no browser download)
if [ -f player-web/package.json ] && [ ! -d player-web/node_modules/playwright-core ]; then
  (cd player-web && npm ci --no-audit --no-fund --silent >/dev/null)
fi

dotnet build VideoRelay.sln -c "${CONFIGURATION:-Release}" -warnaserror -nologo -v q -clp:NoSummary
