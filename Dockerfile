# Lynara Campaign: one image running the API, the worker and the web app.
#
#   docker build -t lynara-campaign .
#   docker run IMAGE            API + worker (mode `all`) and the web app (default)
#   docker run IMAGE api|worker|web|migrate|seed
# See scripts/docker-entrypoint.sh and the README ("Self-hosting with Docker Compose").

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- base: Node 20 with the npm release the lockfiles and .npmrc are written for ----------
FROM ${NODE_IMAGE} AS base
# .npmrc sets strict-allow-scripts and package.json's `allowScripts` names the install
# scripts that may run: that policy is npm 11's, the image ships npm 10.
RUN npm install -g npm@11.19.1 && npm cache clean --force
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# ---- deps: every dependency (build tools included) for the API and the web app -----------
FROM base AS deps
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY web/package.json web/package-lock.json web/.npmrc web/
RUN cd web && npm ci

# ---- build: Prisma client + API to dist/, web app to web/.next ---------------------------
FROM deps AS build
COPY . .
RUN npm run build \
 && npm --prefix web run build \
 && rm -rf web/.next/cache

# ---- prod-deps: runtime dependencies only -------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY web/package.json web/package-lock.json web/.npmrc web/
RUN cd web && npm ci --omit=dev && npm cache clean --force

# ---- runtime ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3001 \
    WEB_PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root (read-only for the app); only Next's build
# directory is writable by the runtime user, for its on-disk caches.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/web/node_modules ./web/node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
COPY web/package.json web/next.config.ts web/server.mjs ./web/
COPY web/messages ./web/messages
COPY --from=build --chown=node:node /app/web/.next ./web/.next
COPY scripts/docker-entrypoint.sh ./scripts/docker-entrypoint.sh
# Uploaded files (lead imports, media) live in a volume the runtime user owns.
RUN mkdir -p /var/lib/lynara/data /var/lib/lynara/media && chown -R node:node /var/lib/lynara
ENV DATA_DIR=/var/lib/lynara/data \
    MEDIA_DIR=/var/lib/lynara/media
VOLUME ["/var/lib/lynara"]

USER node
EXPOSE 3000 3001
# Checks what this container runs: API /health/live (modes all, api), the web app (all, web).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["bash", "/app/scripts/docker-entrypoint.sh", "healthcheck"]
ENTRYPOINT ["bash", "/app/scripts/docker-entrypoint.sh"]
CMD ["all"]
