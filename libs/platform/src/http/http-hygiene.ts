import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Which client address the service sees (behind the proxies it is told to trust), and the
 * headers every answer carries: helmet's defaults (no sniffing, no framing, HSTS, a strict
 * content security policy that the bundled API docs page satisfies), no `X-Powered-By`, and no
 * caching of anything answered to a signed-in caller or an internal tool.
 */
export function applyHttpHygiene(app: INestApplication, trustProxy: string | false): void {
  const express = app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void };
  express.set('trust proxy', trustProxy === false ? false : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  app.use(helmet());
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.headers.authorization || request.headers['x-internal-api-key']) response.setHeader('Cache-Control', 'no-store');
    next();
  });
}
