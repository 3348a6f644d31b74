import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Headers every answer carries: helmet's defaults (no sniffing, no framing, HSTS, a strict
 * content security policy that the bundled API docs page satisfies), no `X-Powered-By`, and no
 * caching of anything answered to a signed-in caller or an internal tool.
 */
export function applyHttpHygiene(app: INestApplication): void {
  app.use(helmet());
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.headers.authorization || request.headers['x-internal-api-key']) response.setHeader('Cache-Control', 'no-store');
    next();
  });
}
