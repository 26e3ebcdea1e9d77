# ccmd: a console-server appliance daemon. Build: docker build -t ccmd .
# Run:   docker run -p 2222:2222 -p 2323:2323 -v ccmd-data:/data ccmd
# Real serial ports: add --device /dev/ttyUSB0 and map it in /etc/ccmd/ccmd.json.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and serialport's bindings compile from source against Node's own headers.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
ENV npm_config_nodedir=/usr/local
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.client.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends socat tini \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/ccmd --groups dialout ccmd \
    && mkdir -p /data /etc/ccmd && chown ccmd:ccmd /data && chmod 0700 /data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY profiles ./profiles
COPY config ./config
COPY config/ccmd.json /etc/ccmd/ccmd.json
# glibc keeps the 8 MiB each scrypt hash uses unless large blocks are mmapped: ~17 MB less RSS
# (the same setting as deploy/ccmd.service and npm start; docs/operations.md).
ENV MALLOC_MMAP_THRESHOLD_=131072 NODE_ENV=production
USER ccmd
VOLUME ["/data"]
# Telnet CLI, SSH CLI, web console/API/metrics, per-port Telnet (3001-3048) and SSH (3101-3148) sockets.
EXPOSE 2323 2222 8080 3001-3048 3101-3148
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/main.js"]
CMD ["serve", "--data", "/data", "--bind", "0.0.0.0", "--config", "/etc/ccmd/ccmd.json"]
