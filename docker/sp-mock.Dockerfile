# sp-mock, the mock Atlassian Cloud SP, for docker-compose.yml. The harness runs its TypeScript as is
# through tsx, a runtime dependency: the production dependencies are all the image needs. NODE_IMAGE is
# any Node.js 20 image with npm and a `node` user (docker/ci-images/build makes one without a registry).
# What the build context holds is said in /.dockerignore.
ARG NODE_IMAGE=node:20-slim
FROM ${NODE_IMAGE}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY bin ./bin
COPY harness ./harness
COPY sp-mock ./sp-mock
USER node
EXPOSE 8090
HEALTHCHECK --interval=5s --timeout=3s --retries=20 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8090/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/saml-harness.mjs"]
CMD ["sp", "start", "--host", "0.0.0.0", "--port", "8090"]
