import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '@sendas/contracts';

export const ROLES_KEY = 'roles';
export const SESSION_ONLY = 'sessionOnly';

/** The two ways to call an `@Auth()` route: a session's access token, or an API key (either is enough). */
export const SECURITY_SCHEMES = { session: 'bearer', apiKey: 'apiKey' } as const;

/** Limits a route to users with one of `roles` (checked by RolesGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The route needs a person's signed-in session, not an API key: managing keys, mailboxes and users stays with
 * people, so a leaked key can send as its owner but cannot make more keys or move the mailbox elsewhere.
 */
export const SessionOnly = () => applyDecorators(SetMetadata(SESSION_ONLY, true), ApiExtension('x-session-only', true));

/**
 * Requires a signed-in user or an API key, optionally with one of `roles`, and documents both in OpenAPI (the
 * sign-in and FORBIDDEN_ROLE answers are added by completeDocument).
 */
export function Auth(...roles: Role[]) {
  return applyDecorators(
    Roles(...roles),
    ApiBearerAuth(SECURITY_SCHEMES.session),
    ApiBearerAuth(SECURITY_SCHEMES.apiKey),
    ...(roles.length ? [ApiExtension('x-roles', roles)] : []),
  );
}
