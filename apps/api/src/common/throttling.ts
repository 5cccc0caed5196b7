import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Env } from '../config/env.validation';

/** Routes opt in with @UseGuards(ThrottlerGuard) and skip the throttlers that are not theirs. */
export const LOGIN_THROTTLERS = { 'login-ip': true, 'login-account': true };
export const SMTP_VERIFY_THROTTLERS = { 'smtp-verify': true };

const loginEmail = (req: Record<string, any>) =>
  String((req as Request).body?.email ?? '')
    .trim()
    .toLowerCase();
const signedInUser = (req: Record<string, any>) => String((req as Request & { user?: { id: string } }).user?.id ?? req.ip);

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
