import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';

export const INTERNAL_API_KEY_HEADER = 'x-internal-api-key';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Admits the platform's own calls (account provisioning, plans), which carry the internal key. */
@Injectable()
export class InternalApiKeyGuard implements CanActivate {
  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const presented = context.switchToHttp().getRequest<Request>().header(INTERNAL_API_KEY_HEADER) ?? '';
    // Compare digests: equal lengths, and no timing hint about the key.
    if (!timingSafeEqual(digest(presented), digest(this.config.internalApiKey))) {
      throw new UnauthorizedException(`the ${INTERNAL_API_KEY_HEADER} header is missing or wrong`);
    }
    return true;
  }
}
