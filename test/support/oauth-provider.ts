import { randomUUID } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';

/**
 * A local OAuth2 / OpenID authorization server (oauth2-mock-server) standing in for Google or Microsoft: it
 * auto-approves the consent, checks PKCE, rotates the refresh token on every refresh, and keeps what it issued
 * so SMTP peers can check access tokens. It validates nothing else, so refusals are simulated here.
 */
export interface MockOAuthProvider {
  issuer: string;
  /** The email the next ID token names (the account "signed in" at the provider), as `email` and `preferred_username`. */
  account: string;
  /** Whether the next ID token says the email was verified (`email_verified`, as Google does). */
  emailVerified: boolean;
  /** Access tokens issued and not revoked. */
  validAccessTokens: Set<string>;
  /** Every refresh token issued, in order (the last one is the current one). */
  issuedRefreshTokens: string[];
  /** The refresh tokens the app presented, in order. */
  presentedRefreshTokens: string[];
  /** Refresh tokens answered with invalid_grant (consent revoked). */
  revokedRefreshTokens: Set<string>;
  /** Revokes the consent: every refresh token issued so far and every access token stop working. */
  revokeConsent(): void;
  /** Pretends every access token expired (the next AUTH gets Gmail's 334 challenge). */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

export async function startOAuthProvider(account: string): Promise<MockOAuthProvider> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const provider: MockOAuthProvider = {
    issuer: server.issuer.url!,
    account,
    emailVerified: true,
    validAccessTokens: new Set(),
    issuedRefreshTokens: [],
    presentedRefreshTokens: [],
    revokedRefreshTokens: new Set(),
    revokeConsent() {
      provider.issuedRefreshTokens.forEach((token) => provider.revokedRefreshTokens.add(token));
      provider.validAccessTokens.clear();
    },
    expireAccessTokens() {
      provider.validAccessTokens.clear();
    },
    close: () => server.stop(),
  };
  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    // Two tokens minted in the same second would otherwise be identical.
    Object.assign(token.payload, { jti: randomUUID(), email: provider.account, email_verified: provider.emailVerified, preferred_username: provider.account });
  });
  server.service.on('beforeResponse', (response: { body: Record<string, unknown>; statusCode: number }, req: { body: Record<string, string> }) => {
    if (req.body.grant_type === 'refresh_token') {
      provider.presentedRefreshTokens.push(req.body.refresh_token);
      if (provider.revokedRefreshTokens.has(req.body.refresh_token) || !provider.issuedRefreshTokens.includes(req.body.refresh_token)) {
        response.statusCode = 400;
        response.body = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };
        return;
      }
    }
    if (typeof response.body.access_token === 'string') provider.validAccessTokens.add(response.body.access_token);
    if (typeof response.body.refresh_token === 'string') provider.issuedRefreshTokens.push(response.body.refresh_token);
  });
  return provider;
}
