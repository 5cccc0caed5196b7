import { Injectable } from '@nestjs/common';
import { API_KEY_PREFIX } from '@sendas/contracts';
import { type AuthUser, BearerTokenStrategy, SESSION_STRATEGY } from '../common';
import { SessionTokens } from './session-tokens';

/**
 * Passport strategy `session-token`: a person's access token. `validate` is SessionTokens, which verifies a token's
 * signature once and keeps the result (not passport-jwt's verification on every request), and checks the expiry, the
 * user being active and the session version on every request. API keys (`sk_...`) are left to their own strategy.
 */
@Injectable()
export class SessionTokenStrategy extends BearerTokenStrategy {
  override readonly name = SESSION_STRATEGY;

  constructor(private readonly tokens: SessionTokens) {
    super();
  }

  protected takes(token: string): boolean {
    return !token.startsWith(API_KEY_PREFIX);
  }

  validate(token: string): Promise<AuthUser> {
    return this.tokens.authenticate(token);
  }
}
