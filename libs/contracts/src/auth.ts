import type { UserDto } from './users';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires.
   * @example 900 */
  expiresIn: number;
  user: UserDto;
}

/** POST /auth/password: one's own password, with the current one; every other session is signed out. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
