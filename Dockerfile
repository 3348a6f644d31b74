# One image for the four services and the console's gateway; SERVICE picks which one runs.

# Build: every dependency, the services compiled to JavaScript, the console's pages.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: see README ("Installing").
RUN npm install --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY tools/build-service.ts ./tools/
COPY apps ./apps
COPY libs ./libs
RUN node -r @swc-node/register tools/build-service.ts errors assignment identity notifications console-gateway \
 && npx vite build --config apps/console/vite.config.mts

# Run: production dependencies and the built output only; no compiler, no test tools.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
ARG SERVICE=errors
ENV SERVICE=${SERVICE} \
    HTTP_HOST=0.0.0.0 \
    NODE_ENV=production
USER node
# The V8 flags are the services' memory settings (SERVICE_V8_FLAGS in libs/local-infra/src/service-process.ts).
CMD ["sh", "-c", "exec node --max-semi-space-size=8 --heap-growing-percent=100 --enable-source-maps dist/apps/$SERVICE/apps/$SERVICE/src/main.js"]
