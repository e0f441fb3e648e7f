# syntax=docker/dockerfile:1.7
#
# VideoRelay node image (every role: all | origin | edge | frontdoor, chosen by Node__Role).
#
#   docker build -t videorelay .
#   docker run --rm -p 8080:8080 -p 1935:1935 -p 9000:9000/udp -p 8189:8189/udp \
#              -e Edge__AnnouncedAddress=<host IP> videorelay
#
# Both stages are Debian 12 "bookworm": native/ (the FFmpeg shim) is built and tested against bookworm's
# FFmpeg 5.1, libx264 and libopus, and the image must run what was tested. Microsoft ships no Debian images for
# .NET 10 (mcr.microsoft.com/dotnet/*:10.0 is Ubuntu 24.04 "noble", whose FFmpeg is 6.1), so the .NET SDK and
# the ASP.NET Core runtime are copied out of the official noble images: .NET's Linux builds are distro-neutral
# glibc binaries and run unchanged on bookworm.
# Recommended .dockerignore beside this file (see deploy/README.md): **/bin, **/obj, native/build,
# player-web/node_modules, .git — the build stage also deletes them defensively.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS dotnet-sdk
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble AS dotnet-aspnet

# ---------------------------------------------------------------------------------------------- build
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates cmake g++ make pkg-config \
      libavcodec-dev libavutil-dev libswscale-dev libswresample-dev \
      libx264-dev libopus-dev libsrt-openssl-dev \
      libicu72 libssl3 zlib1g \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet-sdk /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORKDIR /src
COPY . .
# Build outputs from a developer checkout would carry host paths (obj/project.assets.json, CMakeCache.txt).
RUN find . \( -name bin -o -name obj \) -type d -prune -exec rm -rf {} + \
 && rm -rf native/build player-web/node_modules .git

# native/: the FFmpeg shim (libvrnative.so), exactly as scripts/setup.sh builds it.
RUN cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release \
 && cmake --build native/build -j"$(nproc)" --target vrnative

# The node, framework-dependent (the runtime stage brings ASP.NET Core).
RUN dotnet publish host/VideoRelay.Node/VideoRelay.Node.csproj -c Release -o /out --no-self-contained -nologo

# The player: only what a browser loads (no tests, dev server or node_modules).
RUN mkdir -p /player \
 && cp -r player-web/. /player/ \
 && rm -rf /player/test /player/dev /player/node_modules /player/package.json /player/package-lock.json

# ---------------------------------------------------------------------------------------------- runtime
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libssl3 zlib1g tzdata \
      libavcodec59 libavutil57 libswscale6 libswresample4 libx264-164 libopus0 libsrt1.5-openssl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin videorelay
COPY --from=dotnet-aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet

WORKDIR /app
COPY --from=build /out/ /app/
COPY --from=build /src/native/build/libvrnative.so /app/native/libvrnative.so
COPY --from=build /player/ /app/player-web/
COPY --chmod=0755 deploy/docker/entrypoint.sh /app/entrypoint.sh

ENV VIDEORELAY_NATIVE_DIR=/app/native \
    Edge__PlayerRoot=/app/player-web \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0 \
    Node__HttpPort=8080

#      HTTP (WHEP, player, /api, /metrics, /healthz)  RTMP      SRT       WebRTC    relay
EXPOSE 8080/tcp                                        1935/tcp  9000/udp  8189/udp  9100/tcp

USER videorelay
# /healthz over bash's /dev/tcp: no curl in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${Node__HttpPort:-8080} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '^ok' <&3"]
ENTRYPOINT ["/app/entrypoint.sh"]
