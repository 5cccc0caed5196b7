import type { UserDto } from '@sendas/contracts';
import type { AuthUser } from '../../common';
import type { User } from '../user.entity';

/** A user as the API shows them (never the password hash or session version). */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    signature: user.signature,
    timeZone: user.timeZone,
    phone: user.phone,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** A user as the principal of a request: frozen, since the same one is reused across requests for a few seconds. */
export function toAuthUser(user: User): AuthUser {
  const { id, email, name, role, timeZone, signature, sessionVersion } = user;
  return Object.freeze({ id, email, name, role, timeZone, signature, sessionVersion });
}
