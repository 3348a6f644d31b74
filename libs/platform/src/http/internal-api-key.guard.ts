import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

export const INTERNAL_API_KEY_HEADER = 'x-internal-api-key';
/** The platform's internal key, provided by each service that has internal endpoints. */
export const INTERNAL_API_KEY = Symbol('InternalApiKey');

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Admits the platform's own calls (provisioning accounts, runtimes reporting over HTTP), which carry the internal key. */
@Injectable()
export class InternalApiKeyGuard implements CanActivate {
  constructor(@Inject(INTERNAL_API_KEY) private readonly internalApiKey: string) {}

  canActivate(context: ExecutionContext): boolean {
    const presented = context.switchToHttp().getRequest<Request>().header(INTERNAL_API_KEY_HEADER) ?? '';
    // Compare digests: equal lengths, and no timing hint about the key.
    if (!timingSafeEqual(digest(presented), digest(this.internalApiKey))) {
      throw new UnauthorizedException(`the ${INTERNAL_API_KEY_HEADER} header is missing or wrong`);
    }
    return true;
  }
}
