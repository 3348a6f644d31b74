# One image for the four services and the console's gateway; SERVICE picks which one runs.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: see README ("Installing").
RUN npm install --no-audit --no-fund && npm cache clean --force
COPY tsconfig.base.json tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
# The console's pages, served by its gateway (docker-compose's `console`).
RUN npx vite build --config apps/console/vite.config.mts
ARG SERVICE=errors
ENV SERVICE=${SERVICE} \
    HTTP_HOST=0.0.0.0 \
    SWC_NODE_PROJECT=/app/tsconfig.json
USER node
CMD ["sh", "-c", "exec node -r @swc-node/register apps/$SERVICE/src/main.ts"]
