# One image for the API and the worker (docker-compose.yml picks the command).
# Build: docker build -t credit-bpm:local .

# ---- build: compile the TypeScript, bundle the workflows, build the web inbox
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN if [ -f apps/web/package.json ]; then npm --prefix apps/web ci --no-audit --no-fund; fi
RUN npm run build \
 && if [ -f apps/web/package.json ]; then npm --prefix apps/web run build; fi \
 && mkdir -p apps/web/dist

# ---- runtime: production dependencies and build output only
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force
# Same layout as the repository: the API finds the inbox at apps/web/dist.
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
# The audit chain's signed checkpoints (a volume in docker-compose.yml); the key comes from AUDIT_HMAC_KEY.
ENV BPM_DATA_DIR=/var/lib/credit-bpm
RUN mkdir -p /var/lib/credit-bpm && chown node:node /var/lib/credit-bpm
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
