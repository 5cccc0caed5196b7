import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { OAUTH_PROVIDER_LABELS, OAUTH_PROVIDERS, type OAuthProvider, type SmtpSecurity } from '@sendas/contracts';
import { Env } from '../../config';
import { isLoopbackHost } from '../../smtp';

/** What one provider needs: its OpenID issuer, our client registration, the scopes for SMTP, and its SMTP server. */
export interface OAuthProviderSettings {
  provider: OAuthProvider;
  label: string;
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Extra authorization parameters: Google returns a refresh token only with offline access and a fresh consent. */
  authorizationParameters: Record<string, string>;
  smtp: { host: string; port: number; security: SmtpSecurity };
}

export interface TokenSet {
  accessToken: string;
  /** Lifetime in seconds (one hour when the provider does not say). */
  expiresIn: number;
  /** Present when the provider issued (or rotated) one. */
  refreshToken?: string;
}

function smtpServer(hostPort: string): OAuthProviderSettings['smtp'] {
  const [host, port] = [hostPort.slice(0, hostPort.lastIndexOf(':')), Number(hostPort.slice(hostPort.lastIndexOf(':') + 1))];
  // Plain SMTP only for a test peer on this machine; real providers get TLS.
  return { host, port, security: port === 465 ? 'tls' : isLoopbackHost(host) ? 'none' : 'starttls' };
}

/** The providers with a client id and secret set, from the environment. */
export function oauthProviders(config: Env): Partial<Record<OAuthProvider, OAuthProviderSettings>> {
  const providers: Partial<Record<OAuthProvider, OAuthProviderSettings>> = {};
  const google = { id: config.GOOGLE_OAUTH_CLIENT_ID, secret: config.GOOGLE_OAUTH_CLIENT_SECRET };
  if (google.id && google.secret) {
    providers.google = {
      provider: 'google',
      label: OAUTH_PROVIDER_LABELS.google,
      issuer: new URL(config.GOOGLE_OAUTH_ISSUER),
      clientId: google.id,
      clientSecret: google.secret,
      scope: 'openid email https://mail.google.com/',
      authorizationParameters: { access_type: 'offline', prompt: 'consent' },
      smtp: smtpServer(config.GOOGLE_SMTP_SERVER),
    };
  }
  const microsoft = {
    id: config.MICROSOFT_OAUTH_CLIENT_ID,
    secret: config.MICROSOFT_OAUTH_CLIENT_SECRET,
    issuer: config.MICROSOFT_OAUTH_ISSUER,
  };
  if (microsoft.id && microsoft.secret && microsoft.issuer) {
    providers.microsoft = {
      provider: 'microsoft',
      label: OAUTH_PROVIDER_LABELS.microsoft,
      issuer: new URL(microsoft.issuer),
      clientId: microsoft.id,
      clientSecret: microsoft.secret,
      scope: 'openid email offline_access https://outlook.office.com/SMTP.Send',
      authorizationParameters: { prompt: 'select_account' },
      smtp: smtpServer(config.MICROSOFT_SMTP_SERVER),
    };
  }
  return providers;
}

/** A refusal of the provider's token endpoint that means the consent is gone: revoked, expired, password changed. */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant';
}

/**
 * The OAuth2 / OpenID Connect conversations with Google and Microsoft, through `openid-client`: discovery,
 * the authorization URL with PKCE, the code exchange (state, nonce and ID token checked), the refresh grant.
 */
@Injectable()
export class OAuthClients {
  private readonly providers: Partial<Record<OAuthProvider, OAuthProviderSettings>>;
  private readonly configurations = new Map<OAuthProvider, Promise<oidc.Configuration>>();

  constructor(config: Env) {
    this.providers = oauthProviders(config);
  }

  configured(): OAuthProvider[] {
    return OAUTH_PROVIDERS.filter((provider) => this.providers[provider]);
  }

  settings(provider: OAuthProvider): OAuthProviderSettings | undefined {
    return this.providers[provider];
  }

  async authorizationUrl(
    provider: OAuthProviderSettings,
    request: { redirectUri: string; state: string; nonce: string; codeVerifier: string; loginHint: string },
  ): Promise<string> {
    const configuration = await this.configuration(provider);
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: request.redirectUri,
        scope: provider.scope,
        state: request.state,
        nonce: request.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
        login_hint: request.loginHint,
        ...provider.authorizationParameters,
      })
      .toString();
  }

  /** Exchanges the code; returns the tokens and the account (email) the ID token names. */
  async exchange(
    provider: OAuthProviderSettings,
    callback: { redirectUri: string; code: string; state: string },
    checks: { codeVerifier: string; nonce: string },
  ): Promise<TokenSet & { account: string | undefined }> {
    const configuration = await this.configuration(provider);
    const currentUrl = new URL(callback.redirectUri);
    currentUrl.searchParams.set('code', callback.code);
    currentUrl.searchParams.set('state', callback.state);
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: callback.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    return { ...this.tokenSet(tokens), account: accountOf(provider.provider, tokens.claims() as Record<string, unknown> | undefined)?.toLowerCase() };
  }

  async refresh(provider: OAuthProviderSettings, refreshToken: string): Promise<TokenSet> {
    return this.tokenSet(await oidc.refreshTokenGrant(await this.configuration(provider), refreshToken));
  }

  private tokenSet(tokens: oidc.TokenEndpointResponse): TokenSet {
    return { accessToken: tokens.access_token, expiresIn: tokens.expires_in ?? 3600, refreshToken: tokens.refresh_token };
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private configuration(provider: OAuthProviderSettings): Promise<oidc.Configuration> {
    let configuration = this.configurations.get(provider.provider);
    if (!configuration) {
      const insecure = provider.issuer.protocol === 'http:' && isLoopbackHost(provider.issuer.hostname);
      configuration = oidc.discovery(provider.issuer, provider.clientId, provider.clientSecret, undefined, {
        timeout: 10,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      configuration.catch(() => this.configurations.delete(provider.provider));
      this.configurations.set(provider.provider, configuration);
    }
    return configuration;
  }
}

/**
 * The account an ID token proves, never an unverified claim: Google's `email` only when `email_verified` is true;
 * Microsoft's sign-in name (`preferred_username`, the UPN of a work account) from the tenant's own issuer, which
 * openid-client has checked (MICROSOFT_OAUTH_TENANT cannot be "common", "organizations" or "consumers").
 */
export function accountOf(provider: OAuthProvider, claims: Record<string, unknown> | undefined): string | undefined {
  const value = provider === 'google' ? (claims?.email_verified === true ? claims.email : undefined) : claims?.preferred_username;
  return typeof value === 'string' ? value : undefined;
}
