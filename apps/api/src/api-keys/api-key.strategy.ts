import { Injectable } from '@nestjs/common';
import { API_KEY_PREFIX, ErrorCode } from '@sendas/contracts';
import { API_KEY_STRATEGY, AppException, type AuthUser, BearerTokenStrategy } from '../common';
import { ApiKeys } from './api-keys.service';

/**
 * Passport strategy `api-key`: `Bearer sk_...`, checked against the database on every request (so a revoked key
 * stops at once on every instance). The principal carries the key's id and name, for the audit of what it sends.
 */
@Injectable()
export class ApiKeyStrategy extends BearerTokenStrategy {
  override readonly name = API_KEY_STRATEGY;

  constructor(private readonly keys: ApiKeys) {
    super();
  }

  protected takes(token: string): boolean {
    return token.startsWith(API_KEY_PREFIX);
  }

  async validate(token: string): Promise<AuthUser> {
    const authenticated = await this.keys.authenticate(token);
    if (!authenticated) {
      throw new AppException(
        ErrorCode.AUTH_INVALID_API_KEY,
        'This API key is not valid: it was revoked, mistyped, or its owner was deactivated. Create a new one under Settings > API keys.',
      );
    }
    return authenticated;
  }
}
