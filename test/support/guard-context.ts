import type { ExecutionContext } from '@nestjs/common';
import type { RequestWithApiKey } from '../../apps/api/src/common/api-key-authentication';
import { type BearerTokenIdentity, BearerTokenStrategy } from '../../apps/api/src/common/guards/bearer-token.strategy';

/**
 * The ExecutionContext a guard sees for a request with this Authorization header (none when undefined), made for
 * `handler` of `controller` (whose decorators the guard reads).
 */
export function guardContext(
  authorization: string | undefined,
  handler: (...args: never[]) => unknown = guardContext,
  controller: object = Object,
): { context: ExecutionContext; request: RequestWithApiKey } {
  const request = { headers: authorization ? { authorization } : {} } as RequestWithApiKey;
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
    validate(): Promise<BearerTokenIdentity> {
      throw new Error('not called');
    }
  })();
}
