import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ErrorCode } from '@sendas/contracts';
import { API_KEY_STRATEGY, type AppException, type AuthUser, AuthenticationGuard, SESSION_STRATEGY } from '../common';
import { guardContext, strategyTakingNoToken } from '../../../../test/support/guard-context';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysModule } from './api-keys.module';
import { ApiKeys } from './api-keys.service';

const KEY = 'sk_0123456789abcdef';
const owner: AuthUser = {
  id: 'owner',
  email: 'owner@example.com',
  name: 'Owner',
  role: 'sales',
  timeZone: 'UTC',
  signature: '',
  sessionVersion: 0,
  apiKey: { id: 'key-1', name: 'CI' },
};

describe('ApiKeyStrategy (passport strategy `api-key`)', () => {
  let guard: AuthenticationGuard;
  let strategy: ApiKeyStrategy;
  const keys = { authenticate: jest.fn(async (secret: string) => (secret === KEY ? owner : null)) };

  beforeEach(async () => {
    keys.authenticate.mockClear();
    const moduleRef = await Test.createTestingModule({
      providers: [
        AuthenticationGuard,
        Reflector,
        { provide: ApiKeys, useValue: keys },
        ApiKeyStrategy,
        { provide: API_KEY_STRATEGY, useExisting: ApiKeyStrategy },
        { provide: SESSION_STRATEGY, useValue: strategyTakingNoToken(SESSION_STRATEGY) },
      ],
    }).compile();
    guard = moduleRef.get(AuthenticationGuard);
    strategy = moduleRef.get(ApiKeyStrategy);
  });

  it('is what the api-keys module gives the global guard, which registers it with passport under its name', () => {
    expect(Reflect.getMetadata('providers', ApiKeysModule)).toContainEqual({ provide: API_KEY_STRATEGY, useExisting: ApiKeyStrategy });
    expect(Reflect.getMetadata('exports', ApiKeysModule)).toContain(API_KEY_STRATEGY);
    expect(strategy.name).toBe(API_KEY_STRATEGY);
    expect((guard.passport as unknown as { _strategy(name: string): unknown })._strategy(API_KEY_STRATEGY)).toBe(strategy);
  });

  it('signs the owner in through passport, the key on the principal', async () => {
    const { context, request } = guardContext(`Bearer ${KEY}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toBe(owner);
    expect(request.user!.apiKey).toEqual({ id: 'key-1', name: 'CI' });
    expect(keys.authenticate).toHaveBeenCalledWith(KEY);
  });

  it('refuses a key that does not authenticate with AUTH_INVALID_API_KEY, and leaves other tokens to the session strategy', async () => {
    const invalid = (await guard.canActivate(guardContext('Bearer sk_revoked').context).catch((thrown: unknown) => thrown)) as AppException;
    expect(invalid.getResponse()).toMatchObject({
      statusCode: 401,
      code: ErrorCode.AUTH_INVALID_API_KEY,
      message: 'This API key is not valid: it was revoked, mistyped, or its owner was deactivated. Create a new one under Settings > API keys.',
    });
    const notAKey = (await guard.canActivate(guardContext('Bearer eyJhbGciOiJIUzI1NiJ9.e30.x').context).catch((thrown: unknown) => thrown)) as AppException;
    expect(notAKey.getResponse()).toMatchObject({ code: ErrorCode.AUTH_REQUIRED });
    expect(keys.authenticate).toHaveBeenCalledTimes(1);
  });
});
