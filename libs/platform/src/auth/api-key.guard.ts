import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Settings } from '../config/settings';
import { SETTINGS } from '../config/settings.module';
import { DomainError } from '../errors/domain-error';
import { Access, ACCESS, AccountKeyResolver, AuthenticatedRequest, Principal } from './principal';
import { RateLimiter } from './rate-limiter';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

class Unauthorized extends DomainError {
  constructor(detail: string) {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

class Forbidden extends DomainError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

class RateLimited extends DomainError {
  constructor() {
    super(
      429,
      'rate_limited',
      'Too many requests',
      'This account is over its request rate; retry later',
    );
  }
}

/** The global Bearer guard: who is calling, may they call this route, and are they within their rate. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly operatorKeyHash: Buffer;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountKeyResolver,
    @Inject(SETTINGS) settings: Settings,
  ) {
    this.operatorKeyHash = Buffer.from(hashApiKey(settings.adminApiKey), 'hex');
    this.limiter = new RateLimiter(settings.rateLimitRps);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access>(ACCESS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'account';
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request.headers.authorization);
    this.enforceRate(principal, context.switchToHttp().getResponse<FastifyReply>());
    if (access === 'operator' && principal.kind !== 'operator') {
      throw new Forbidden('This endpoint needs the operator key');
    }
    if (access === 'account' && principal.kind !== 'account') {
      throw new Forbidden('This endpoint needs an account API key');
    }
    request.principal = principal;
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) throw new Unauthorized('Send an API key as "Authorization: Bearer <api_key>"');
    const keyHash = hashApiKey(match[1]);
    if (timingSafeEqual(Buffer.from(keyHash, 'hex'), this.operatorKeyHash))
      return { kind: 'operator' };
    const accountId = await this.accounts.accountIdForKeyHash(keyHash);
    if (!accountId) throw new Unauthorized('The API key is not valid');
    return { kind: 'account', accountId };
  }

  private enforceRate(principal: Principal, reply: FastifyReply): void {
    if (!this.limiter.enabled || principal.kind !== 'account') return;
    const verdict = this.limiter.take(principal.accountId);
    if (!verdict.allowed) {
      reply.header('retry-after', String(verdict.retryAfterSeconds));
      throw new RateLimited();
    }
  }
}
