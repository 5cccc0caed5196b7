import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@sendas/contracts';

export const ROLES_KEY = 'roles';

/** Limits a route to users with one of `roles` (checked by RolesGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Requires a signed-in user, optionally with one of `roles`, and documents both in Swagger. */
export function Auth(...roles: Role[]) {
  return applyDecorators(
    Roles(...roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, expired or invalid token (AUTH_REQUIRED, AUTH_TOKEN_INVALID)' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')} (FORBIDDEN_ROLE)` })] : []),
  );
}
