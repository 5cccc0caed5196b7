import { Controller, Get, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Test } from '@nestjs/testing';
import passport from 'passport';
import { ErrorCode } from '@sendas/contracts';
import { API_KEY_STRATEGY } from '../api-key-authentication';
import { AppException } from '../app.exception';
import { SessionOnly } from '../decorators/auth.decorator';
import { Public } from '../decorators/public.decorator';
import { SESSION_STRATEGY } from '../session-authentication';
import type { AuthUser } from '../auth-user';
import { BearerTokenStrategy } from './bearer-token.strategy';
import { AUTH_STRATEGIES, AuthenticationGuard } from './authentication.guard';
import { guardContext } from '../../../../../test/support/guard-context';

const principal = (id: string): AuthUser => ({ id, email: `${id}@example.com`, name: id, role: 'sales', timeZone: 'UTC', signature: '', sessionVersion: 0 });
const person = principal('person');
const machineOwner = principal('machine-owner');

// The real strategies live in auth/ and api-keys/ (their specs register them with this guard); these stand in for them.
class FakeSessionStrategy extends BearerTokenStrategy {
  override readonly name = SESSION_STRATEGY;
  protected takes(token: string): boolean {
    return !token.startsWith('sk_');
  }
  async validate(token: string): Promise<AuthUser> {
    if (token === 'good') return person;
    if (token === 'broken') throw new Error('database unavailable');
    throw new AppException(ErrorCode.AUTH_TOKEN_INVALID, 'Your session has expired or is invalid. Sign in again.');
  }
}
class FakeApiKeyStrategy extends BearerTokenStrategy {
  override readonly name = API_KEY_STRATEGY;
  protected takes(token: string): boolean {
    return token.startsWith('sk_');
  }
  async validate(): Promise<AuthUser> {
    return { ...machineOwner, apiKey: { id: 'key', name: 'CI' } };
  }
}

@Controller()
class Routes {
  @Get() open() {}
  @Public() @Get() public() {}
  @SessionOnly() @Get() people() {}
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('AuthenticationGuard', () => {
  let guard: AuthenticationGuard;
  let sessions: FakeSessionStrategy;
  let apiKeys: FakeApiKeyStrategy;

  beforeEach(async () => {
    sessions = new FakeSessionStrategy();
    apiKeys = new FakeApiKeyStrategy();
    jest.spyOn(sessions, 'validate');
    jest.spyOn(apiKeys, 'validate');
    const moduleRef = await Test.createTestingModule({
      providers: [AuthenticationGuard, Reflector, { provide: SESSION_STRATEGY, useValue: sessions }, { provide: API_KEY_STRATEGY, useValue: apiKeys }],
    }).compile();
    guard = moduleRef.get(AuthenticationGuard);
  });

  it("is @nestjs/passport's AuthGuard for the two strategies, registered with passport under their names", () => {
    expect(guard).toBeInstanceOf(AuthGuard([SESSION_STRATEGY, API_KEY_STRATEGY]));
    expect(AUTH_STRATEGIES).toEqual([SESSION_STRATEGY, API_KEY_STRATEGY]);
    expect(guard.passport).toBeInstanceOf(passport.Passport);
    const registered = guard.passport as unknown as { _strategy(name: string): unknown };
    expect(registered._strategy(SESSION_STRATEGY)).toBe(sessions);
    expect(registered._strategy(API_KEY_STRATEGY)).toBe(apiKeys);
  });

  it('authenticates through passport: passport.authenticate runs the strategies, and the user is what the strategy validated', async () => {
    const authenticate = jest.spyOn(guard.passport, 'authenticate');
    const strategyRuns = jest.spyOn(FakeSessionStrategy.prototype, 'authenticate');
    const { context, request } = guardContext('Bearer good', Routes.prototype.open, Routes);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(authenticate).toHaveBeenCalledWith(AUTH_STRATEGIES, { session: false }, expect.any(Function));
    // passport runs a copy of the registered strategy per request (Object.create), with success/fail/error of its own
    expect(strategyRuns).toHaveBeenCalledTimes(1);
    expect(Object.getPrototypeOf(strategyRuns.mock.contexts[0])).toBe(sessions);
    expect(sessions.validate).toHaveBeenCalledWith('good');
    expect(request.user).toEqual(person);
    expect(request.user!.apiKey).toBeUndefined();
    strategyRuns.mockRestore();
  });

  it('lets @Public() routes through without asking passport', async () => {
    const authenticate = jest.spyOn(guard.passport, 'authenticate');
    await expect(guard.canActivate(guardContext(undefined, Routes.prototype.public, Routes).context)).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('answers AUTH_REQUIRED without a bearer token, after every strategy declined', async () => {
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const error = await errorOf(guard.canActivate(guardContext(authorization, Routes.prototype.open, Routes).context));
      expect(error).toBeInstanceOf(AppException);
      expect((error as AppException).getStatus()).toBe(HttpStatus.UNAUTHORIZED);
      expect((error as AppException).getResponse()).toMatchObject({
        code: ErrorCode.AUTH_REQUIRED,
        message: 'Sign in first: this needs a bearer token or an API key.',
      });
    }
    expect(sessions.validate).not.toHaveBeenCalled();
    expect(apiKeys.validate).not.toHaveBeenCalled();
  });

  it("answers with the failing strategy's own AppException (its challenge), and a strategy's error as it is", async () => {
    const invalid = await errorOf(guard.canActivate(guardContext('Bearer forged', Routes.prototype.open, Routes).context));
    expect((invalid as AppException).getResponse()).toMatchObject({ statusCode: 401, code: ErrorCode.AUTH_TOKEN_INVALID });
    expect(apiKeys.validate).not.toHaveBeenCalled();
    const broken = await errorOf(guard.canActivate(guardContext('Bearer broken', Routes.prototype.open, Routes).context));
    expect(broken).toEqual(new Error('database unavailable'));
  });

  it('puts the API key on its owner as the principal, and refuses API keys on @SessionOnly() routes with API_KEY_NOT_ALLOWED', async () => {
    const { context, request } = guardContext('Bearer sk_live', Routes.prototype.open, Routes);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toEqual({ ...machineOwner, apiKey: { id: 'key', name: 'CI' } });
    expect(sessions.validate).not.toHaveBeenCalled();

    const refused = await errorOf(guard.canActivate(guardContext('Bearer sk_live', Routes.prototype.people, Routes).context));
    expect((refused as AppException).getResponse()).toMatchObject({ statusCode: 403, code: ErrorCode.API_KEY_NOT_ALLOWED });
    await expect(guard.canActivate(guardContext('Bearer good', Routes.prototype.people, Routes).context)).resolves.toBe(true);
  });
});
