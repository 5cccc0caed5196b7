import type { ThrottlerGetTrackerFunction, ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { Env } from '../config';

/** Routes opt in with @UseGuards(ThrottlerGuard) and skip the throttlers that are not theirs. */
export const LOGIN_THROTTLERS = { 'login-ip': true, 'login-account': true };
export const SMTP_VERIFY_THROTTLERS = { 'smtp-verify': true };

/** The throttler hands trackers the Fastify request, typed loosely. */
type TrackedRequest = Pick<FastifyRequest, 'ip'> & { body?: { email?: unknown }; user?: { id: string } };

/** Runs before validation, so the body may hold anything: only a string counts as an address. */
const loginEmail: ThrottlerGetTrackerFunction = (req) => {
  const email = (req as TrackedRequest).body?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};
const signedInUser: ThrottlerGetTrackerFunction = (req) => String((req as TrackedRequest).user?.id ?? (req as TrackedRequest).ip);

/** The throttlers of the app: sign-in per IP and per account, and mailbox tests per user. */
export function throttlersOf(config: Env): ThrottlerOptions[] {
  const loginTtl = config.LOGIN_THROTTLE_TTL_SECONDS * 1000;
  return [
    { name: 'login-ip', ttl: loginTtl, limit: config.LOGIN_THROTTLE_IP_LIMIT },
    { name: 'login-account', ttl: loginTtl, limit: config.LOGIN_THROTTLE_ACCOUNT_LIMIT, getTracker: loginEmail },
    { name: 'smtp-verify', ttl: 60_000, limit: config.SMTP_VERIFY_LIMIT_PER_MINUTE, getTracker: signedInUser },
  ];
}
