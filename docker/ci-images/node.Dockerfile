# Node.js for docker/sp-mock.Dockerfile where node:20-slim cannot be pulled: the Node.js and npm of the
# machine that builds it (the build context holds them), a `node` user as in the official image, and
# Debian's CA certificates plus the ones this machine adds (a proxy that inspects TLS), so that npm
# reaches its registry from the image as it does from the machine.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
COPY ca-certificates/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && update-ca-certificates \
 && useradd --uid 1000 --create-home --shell /bin/sh node
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY node /usr/local
