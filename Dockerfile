# news-search gateway (and scheduled indexer). The engine is the official Meilisearch image:
# this image has no embedded engine and refuses to start without MEILI_URL.

# --- build: compile TypeScript, then keep production dependencies only ---------------------
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY indexer ./indexer
RUN npm run build \
 && npm prune --omit=dev \
 && rm -rf node_modules/@gaubee

# --- runtime: node, the compiled code, the page's static files; nothing else ---------------
FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    EMBEDDED_ENGINE=off \
    HOST=0.0.0.0 \
    PORT=3000 \
    SEEDS_DIR=/seeds \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/indexer ./dist/indexer
COPY package.json ./
COPY src/web ./src/web
RUN mkdir -p /data /seeds && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
