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

/** POST /auth/password-reset: asks for a link to set a new password, mailed through the company account. */
export interface ForgotPasswordRequest {
  email: string;
}

/**
 * The same answer whether or not an account has that email, so accounts cannot be probed; the link (if any)
 * works once and for this many minutes.
 */
export interface ForgotPasswordResponse {
  /** @example 30 */
  linkValidMinutes: number;
}

/** POST /auth/password-reset/complete: the token from the mailed link and the new password. */
export interface ResetPasswordRequest {
  token: string;
  newPassword: string;
}
