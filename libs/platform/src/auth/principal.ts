import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export type Principal = { kind: 'operator' } | { kind: 'account'; accountId: string };

export const ACCESS = 'blocx:access';
export type Access = 'public' | 'operator' | 'account';

/** No key needed (health, metrics, docs). */
export const Public = () => SetMetadata(ACCESS, 'public' satisfies Access);
/** Only the operator key (ADMIN_API_KEY). */
export const OperatorOnly = () => SetMetadata(ACCESS, 'operator' satisfies Access);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The id of the account whose key made this request. */
export const CurrentAccount = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal?.kind !== 'account')
      throw new Error('CurrentAccount used on a route without account access');
    return principal.accountId;
  },
);

/** Resolves the SHA-256 hash of an API key to its account id; provided by the accounts library. */
export abstract class AccountKeyResolver {
  abstract accountIdForKeyHash(keyHash: string): Promise<string | undefined>;
}
