export const ROLES = ['superuser', 'admin', 'sales', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/** Superusers and admins: they see every document and message and may send on behalf of others. */
export function hasAdminRights(role: Role): boolean {
  return role === 'superuser' || role === 'admin';
}

export interface UserDto {
  id: string;
  /** @example "pom@bmasiamusic.com" */
  email: string;
  /** @example "Pom" */
  name: string;
  role: Role;
  active: boolean;
  /** @example "Pom\nSales, BMAsia Music" */
  signature: string;
  /** Where the user's clock is: scheduled sends are set in it.
   * @example "Asia/Bangkok" */
  timeZone: string;
  /** On the PDFs of the user's documents, under "Your contact"; empty when not given.
   * @example "+66 2 000 0000" */
  phone: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  password: string;
  signature?: string;
}

/** Superuser edit of any user: every field optional; `password` resets it. */
export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  signature?: string;
}

/** What a user may change about themselves. */
export interface UpdateProfileRequest {
  name?: string;
  signature?: string;
  /** An IANA time zone, e.g. "Asia/Bangkok". */
  timeZone?: string;
  /** Digits, spaces, +, -, ( ) and dots; empty removes it. */
  phone?: string;
}

export const PASSWORD_MIN_LENGTH = 10;
export const SIGNATURE_MAX_LENGTH = 2000;

/** An entry of GET /users/directory (admins choosing whom to send on behalf of). */
export type UserDirectoryEntry = Pick<UserDto, 'id' | 'name' | 'email' | 'role'>;
