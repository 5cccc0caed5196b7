import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { ErrorCode } from '@sendas/contracts';
import { API_KEY_STRATEGY, type AppException, AuthenticationGuard, SESSION_STRATEGY } from '../common';
import type { Env } from '../config';
import type { User, UsersService } from '../users';
import { guardContext, strategyTakingNoToken } from '../../../../test/support/guard-context';
import { AuthModule } from './auth.module';
import type { BrowserSessions } from './browser-sessions.service';
import { SessionTokenStrategy } from './session-token.strategy';
import { SessionTokens } from './session-tokens';

const SECRET = 'a-secret-of-the-session-token-strategy-spec';
const pom = { id: 'pom', role: 'sales', active: true, sessionVersion: 2 } as User;

describe('SessionTokenStrategy (passport strategy `session-token`)', () => {
  const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
  let guard: AuthenticationGuard;
  let strategy: SessionTokenStrategy;
  let verify: jest.SpyInstance;

  beforeEach(async () => {
    const config = { JWT_SECRET: SECRET, DATA_DIR: '/nonexistent' } as Env;
    const users = { findActive: async (id: string) => (id === pom.id ? pom : null) } as UsersService;
    const liveSessions = { isLive: async (id: string) => id === 'live-session' } as BrowserSessions;
    const moduleRef = await Test.createTestingModule({
      providers: [
        AuthenticationGuard,
        Reflector,
        { provide: SessionTokens, useValue: new SessionTokens(config, jwt, users, liveSessions) },
        SessionTokenStrategy,
        { provide: SESSION_STRATEGY, useExisting: SessionTokenStrategy },
        { provide: API_KEY_STRATEGY, useValue: strategyTakingNoToken(API_KEY_STRATEGY) },
      ],
    }).compile();
    guard = moduleRef.get(AuthenticationGuard);
    strategy = moduleRef.get(SessionTokenStrategy);
    verify = jest.spyOn(jwt, 'verify');
  });
  afterEach(() => verify.mockRestore());

  it('is what the auth module gives the global guard, which registers it with passport under its name', () => {
    expect(Reflect.getMetadata('providers', AuthModule)).toContainEqual({ provide: SESSION_STRATEGY, useExisting: SessionTokenStrategy });
    expect(Reflect.getMetadata('exports', AuthModule)).toContain(SESSION_STRATEGY);
    expect(strategy.name).toBe(SESSION_STRATEGY);
    expect((guard.passport as unknown as { _strategy(name: string): unknown })._strategy(SESSION_STRATEGY)).toBe(strategy);
  });

  it('refuses a token whose browser session was signed out (AUTH_SESSION_ENDED)', async () => {
    const live = jwt.sign({ sub: pom.id, role: pom.role, ver: 2, sid: 'live-session' }, { expiresIn: 900 });
    await expect(guard.canActivate(guardContext(`Bearer ${live}`).context)).resolves.toBe(true);
    const ended = jwt.sign({ sub: pom.id, role: pom.role, ver: 2, sid: 'ended-session' }, { expiresIn: 900 });
    await expect(guard.canActivate(guardContext(`Bearer ${ended}`).context)).rejects.toMatchObject({ response: { code: ErrorCode.AUTH_SESSION_ENDED } });
  });

  it("signs a person in through passport, verifying a token's signature once however often it comes", async () => {
    const token = jwt.sign({ sub: pom.id, role: pom.role, ver: 2 }, { expiresIn: 900 });
    for (let i = 0; i < 3; i++) {
      const { context, request } = guardContext(`Bearer ${token}`);
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.user).toBe(pom);
    }
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a forged token', () => new JwtService({ secret: 'another-secret-another-secret-another' }).sign({ sub: pom.id, ver: 2 }), ErrorCode.AUTH_TOKEN_INVALID],
    ['an expired token', () => jwt.sign({ sub: pom.id, ver: 2, exp: Math.floor(Date.now() / 1000) - 1 }), ErrorCode.AUTH_TOKEN_INVALID],
    ["a deactivated user's token", () => jwt.sign({ sub: 'gone', ver: 2 }), ErrorCode.AUTH_USER_INACTIVE],
    ['a token from before the password changed', () => jwt.sign({ sub: pom.id, ver: 1 }), ErrorCode.AUTH_SESSION_REVOKED],
  ])('refuses %s with its own code', async (_name, token, code) => {
    const error = (await guard.canActivate(guardContext(`Bearer ${token()}`).context).catch((thrown: unknown) => thrown)) as AppException;
    expect(error.getResponse()).toMatchObject({ statusCode: 401, code });
  });

  it('leaves API keys to their own strategy', async () => {
    const validate = jest.spyOn(strategy, 'validate');
    const error = (await guard.canActivate(guardContext('Bearer sk_whatever').context).catch((thrown: unknown) => thrown)) as AppException;
    expect(error.getResponse()).toMatchObject({ statusCode: 401, code: ErrorCode.AUTH_REQUIRED });
    expect(validate).not.toHaveBeenCalled();
  });
});
