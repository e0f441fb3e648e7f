#!/bin/bash
# Container entry point of the VideoRelay node.
#
# Normally it just runs the node. For `docker compose up --scale edge=N` with host networking (see
# deploy/README.md) every replica gets the same environment, yet each needs its own UDP (WebRTC) and HTTP port
# on the host: when EDGE_UDP_PORTS / EDGE_HTTP_PORTS hold a range ("8190-8199"), the first port of the range that
# nothing on the host uses yet is taken and exported as Edge__UdpPort / Node__HttpPort. Two replicas starting at
# the same instant can pick the same port; the loser fails to bind, exits, and `restart: on-failure` runs it
# again, when it picks the next free one.
set -euo pipefail

# in_use PORT FILE... — true when a socket is bound to PORT (for TCP: listening) in the /proc tables given.
in_use() {
  local hex
  hex=$(printf '%04X' "$1")
  grep -qE "^ *[0-9]+: [0-9A-F]+:${hex} [0-9A-F]+:[0-9A-F]{4} (0A|07)" "${@:2}" 2>/dev/null
}

# first_free RANGE FILE... — prints the first port of "LOW-HIGH" not in use.
first_free() {
  local low=${1%-*} high=${1#*-} port
  for ((port = low; port <= high; port++)); do
    if ! in_use "$port" "${@:2}"; then
      echo "$port"
      return 0
    fi
  done
  echo "entrypoint: no free port in $1" >&2
  return 1
}

if [[ -n "${EDGE_UDP_PORTS:-}" ]]; then
  Edge__UdpPort=$(first_free "$EDGE_UDP_PORTS" /proc/net/udp /proc/net/udp6)
  export Edge__UdpPort
fi
if [[ -n "${EDGE_HTTP_PORTS:-}" ]]; then
  Node__HttpPort=$(first_free "$EDGE_HTTP_PORTS" /proc/net/tcp /proc/net/tcp6)
  export Node__HttpPort
fi
if [[ -n "${EDGE_UDP_PORTS:-}${EDGE_HTTP_PORTS:-}" ]]; then
  echo "entrypoint: this replica serves HTTP on ${Node__HttpPort:-8080}/tcp and WebRTC on ${Edge__UdpPort:-8189}/udp"
fi

exec dotnet /app/VideoRelay.Node.dll "$@"
