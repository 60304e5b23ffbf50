# srcbot: build and test on Debian 12, run on Debian 12 slim.
# docs/operations.md explains the volumes, the modes and the health check.

# --- build: the same packages scripts/setup.sh installs (a test keeps the two
# lists equal) and Debian's nginx unpacked for the proxy test, then the whole
# test suite: an image is only made from a build that passed it. (The apt
# lists stay: fetch-nginx.sh needs them, and this stage is thrown away.)
FROM debian:bookworm AS build
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      g++ make cmake pkg-config \
      libcpprest-dev libboost-system-dev libssl-dev \
      nlohmann-json3-dev libsqlite3-dev sqlite3 libcli11-dev catch2 libspdlog-dev \
      openssl ca-certificates dpkg-dev file \
      libcurl4-openssl-dev libgmime-3.0-dev dovecot-imapd python3-aiosmtpd \
      python3-jsonschema \
      libgpgme-dev gnupg
# git is not in the image: the commit `srcbot --version` names comes from
# docker build --build-arg SRCBOT_COMMIT=$(git rev-parse --short=12 HEAD).
ARG SRCBOT_COMMIT=""
WORKDIR /src
COPY . .
RUN ./scripts/fetch-nginx.sh \
 && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSRCBOT_COMMIT="${SRCBOT_COMMIT}" \
 && cmake --build build -j "$(nproc)" \
 && cd build && ctest --output-on-failure -j "$(nproc)" \
 && strip /src/build/srcbot

# --- runtime: only what the binary needs.
FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libcpprest2.10 libboost-system1.74.0 libsqlite3-0 libspdlog1.10 libfmt9 ca-certificates \
      libcurl4 libgmime-3.0-0 libgpgme11 gpg gpg-agent \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin srcbot \
 && mkdir -p /data && chown srcbot:srcbot /data
COPY --from=build /src/build/srcbot /usr/local/bin/srcbot
COPY scripts/healthcheck.sh /usr/local/bin/srcbot-healthcheck
USER srcbot
WORKDIR /data
VOLUME ["/data"]
ENV SRCBOT_DB=/data/srcbot.db \
    SRCBOT_LISTEN=0.0.0.0:3000
EXPOSE 3000
# HTTP mode answers /healthz; in Socket Mode the check passes while the
# process runs (Docker restarts it when it exits).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/srcbot-healthcheck"]
ENTRYPOINT ["/usr/local/bin/srcbot"]
CMD ["serve", "--mode", "socket"]
