/**
 * The console's gateway on its own (docker-compose); `npm start` runs the same gateway in its
 * process. CONSOLE_HTTP_PORT (3000), the services' URLs (ERRORS_URL, ASSIGNMENT_URL,
 * IDENTITY_URL, NOTIFICATIONS_URL), CONSOLE_STATIC_DIR (dist/apps/console) and
 * CONSOLE_SECURE_COOKIES=true behind HTTPS.
 */
import path from 'node:path';
import { createGateway, listen } from './gateway';
import { API_SERVICES, Upstreams } from './upstreams';
import { DEFAULT_HTTP_PORTS } from '@faultline/platform';

const upstreams = Object.fromEntries(
  API_SERVICES.map((service) => [service, process.env[`${service.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_HTTP_PORTS[service]}`]),
) as Upstreams;

const gateway = createGateway({
  upstreams,
  staticDir: path.resolve(process.env.CONSOLE_STATIC_DIR ?? path.join(__dirname, '../../../dist/apps/console')),
  secureCookies: process.env.CONSOLE_SECURE_COOKIES === 'true',
});

listen(gateway, Number(process.env.CONSOLE_HTTP_PORT ?? 3000), process.env.HTTP_HOST ?? '127.0.0.1').then(
  (url) => process.stdout.write(`console listening on ${url}\n`),
  (error: Error) => {
    process.stderr.write(`console failed to start: ${error.message}\n`);
    process.exit(1);
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => gateway.close(() => process.exit(0)));
