# GLM Chat: one small image, one process, its data in the /data volume.
#
#   docker build -t glm-chat .
#   docker run -d --name glm-chat -p 3000:3000 -v glm-chat-data:/data --env-file .env glm-chat
#
# Behind a TLS-intercepting proxy, give the build its CA certificate as the optional secret `ca`:
#   docker build --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt -t glm-chat .
# At run time the container needs no network but the GLM backend's.

# Node 22 LTS, not 24: better-sqlite3 12 (the newest that runs on Node 20, which the project still
# supports) aborts the process on Node >= 24.19 ("Assertion failed: (env) != nullptr" in
# Statement::~Statement, when a GC finalises a statement outside a V8 context), because Node 24.19's
# node_object_wrap.h registers an environment cleanup hook that better-sqlite3 <= 12 cannot remove
# safely. Seen here within seconds of a restart. Node 24 needs better-sqlite3 13 (Node >= 22), so it
# comes with dropping Node 20; the image's Node is then one build argument away:
#   docker build --build-arg NODE_IMAGE=node:24-bookworm-slim .
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- deps: node_modules, with better-sqlite3 compiled against this image's own Node headers ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
# npm_config_nodedir: node-gyp uses /usr/local/include/node (no header download);
# npm_config_build_from_source: better-sqlite3 skips its prebuilt-binary download and compiles.
RUN --mount=type=secret,id=ca,required=false \
  if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi; \
  npm_config_nodedir=/usr/local npm_config_build_from_source=true npm_config_update_notifier=false \
    npm ci --no-audit --no-fund --loglevel=warn \
  && rm -rf /root/.npm

# ---- build: the standalone server (.next/standalone holds server.js, its traced node_modules,
# the static assets and the migrations; see scripts/copy-standalone-assets.mjs) ----
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build
# What the runtime does not need: sharp (no next/image here) and better-sqlite3's sources and
# intermediate objects (only build/Release/better_sqlite3.node is loaded).
RUN cd .next/standalone/node_modules \
  && rm -rf sharp @img better-sqlite3/deps better-sqlite3/src \
  && find better-sqlite3/build -mindepth 1 -not -path '*/Release' -not -name better_sqlite3.node -delete \
  && test -f better-sqlite3/build/Release/better_sqlite3.node

# ---- runtime: only the standalone server, as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
# MALLOC_TRIM_THRESHOLD_: the server's environment from scripts/node-flags.mjs (glibc returns freed
# memory to the system; `npm start` sets it too, and a unit test keeps them equal).
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  MALLOC_TRIM_THRESHOLD_=131072 \
  PORT=3000 \
  HOST=0.0.0.0 \
  DATABASE_PATH=/data/glm-chat.db
WORKDIR /app
# The app's files belong to root (read-only for the app); only /data and Next's cache are writable.
COPY --from=build /app/.next/standalone ./
COPY scripts/start.mjs scripts/backup.mjs scripts/healthcheck.mjs ./scripts/
RUN mkdir -p /data/backups .next/cache && chown -R node:node /data .next/cache
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness, not readiness: an upstream outage must not get the container restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# The V8 flags of scripts/node-flags.mjs, as `npm start` passes them (a unit test keeps them equal).
CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=100", "scripts/start.mjs"]
