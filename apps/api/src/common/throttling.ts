import { ConfigService } from '@nestjs/config';
import { type ThrottlerGetTrackerFunction, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Env } from '../config/env.validation';

/** Routes opt in with @UseGuards(ThrottlerGuard) and skip the throttlers that are not theirs. */
export const LOGIN_THROTTLERS = { 'login-ip': true, 'login-account': true };
export const SMTP_VERIFY_THROTTLERS = { 'smtp-verify': true };

/** The throttler hands trackers the express request, typed loosely. */
type TrackedRequest = Pick<Request, 'ip'> & { body?: { email?: unknown }; user?: { id: string } };

const loginEmail: ThrottlerGetTrackerFunction = (req) =>
  String((req as TrackedRequest).body?.email ?? '')
    .trim()
    .toLowerCase();
const signedInUser: ThrottlerGetTrackerFunction = (req) => String((req as TrackedRequest).user?.id ?? (req as TrackedRequest).ip);

export const throttlerModule = ThrottlerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService<Env, true>) => {
    const loginTtl = config.get('LOGIN_THROTTLE_TTL_SECONDS', { infer: true }) * 1000;
    return [
      { name: 'login-ip', ttl: loginTtl, limit: config.get('LOGIN_THROTTLE_IP_LIMIT', { infer: true }) },
      {
        name: 'login-account',
        ttl: loginTtl,
        limit: config.get('LOGIN_THROTTLE_ACCOUNT_LIMIT', { infer: true }),
        getTracker: loginEmail,
      },
      {
        name: 'smtp-verify',
        ttl: 60_000,
        limit: config.get('SMTP_VERIFY_LIMIT_PER_MINUTE', { infer: true }),
        getTracker: signedInUser,
      },
    ];
  },
});
