import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type AuthUser, BearerTokenStrategy } from '../../apps/api/src/common';

type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/**
 * The ExecutionContext a guard sees for a request with this Authorization header (none when undefined), made for
 * `handler` of `controller` (whose decorators the guard reads).
 */
export function guardContext(
  authorization: string | undefined,
  handler: (...args: never[]) => unknown = guardContext,
  controller: object = Object,
): { context: ExecutionContext; request: AuthenticatedRequest } {
  const request = { headers: authorization ? { authorization } : {} } as AuthenticatedRequest;
  const http = { getRequest: () => request, getResponse: () => ({}) };
  const context = { getHandler: () => handler, getClass: () => controller, switchToHttp: () => http } as unknown as ExecutionContext;
  return { context, request };
}

/** A strategy registered under `name` that takes no token: stands in for another module's strategy in a guard spec. */
export function strategyTakingNoToken(name: string): BearerTokenStrategy {
  return new (class extends BearerTokenStrategy {
    override readonly name = name;
    protected takes(): boolean {
      return false;
    }
    validate(): Promise<AuthUser> {
      throw new Error('not called');
    }
  })();
}
