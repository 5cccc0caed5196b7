import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { In, type Repository } from 'typeorm';
import { ErrorCode, type UserDto } from '@sendas/contracts';
import { type AuthUser, ConflictError, isUniqueViolation, NotFoundError } from '../common';
import type { CreateUserDto, UpdateProfileDto, UpdateUserDto } from './dto/user-input.dto';
import { toAuthUser, toUserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

/** How long a signed-in user is reused between requests; every change through this service evicts at once. */
const ACTIVE_USER_TTL_MS = 5_000;

@Injectable()
export class UsersService {
  private readonly activeUsers = new LRUCache<string, AuthUser>({ max: 5_000, ttl: ACTIVE_USER_TTL_MS });

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Every user, for the superuser's table. */
  async list(): Promise<UserDto[]> {
    const users = await this.users.find({ order: { name: 'ASC', email: 'ASC' } });
    return users.map(toUserDto);
  }

  directory(): Promise<Array<Pick<User, 'id' | 'name' | 'email' | 'role'>>> {
    return this.users.find({ where: { active: true }, select: { id: true, name: true, email: true, role: true }, order: { name: 'ASC' } });
  }

  /** A user as the API shows them. */
  describe(user: User): UserDto {
    return toUserDto(user);
  }

  /** The names of these users (deleted ones are missing), for "changed by" lines. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const users = ids.length ? await this.users.find({ where: { id: In(ids) }, select: { id: true, name: true } }) : [];
    return new Map(users.map((user) => [user.id, user.name]));
  }

  /** One user as the API shows them (`GET /api/auth/me` reads it fresh, not from the principal). */
  async profile(id: string): Promise<UserDto> {
    return toUserDto(await this.get(id));
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError(ErrorCode.USER_NOT_FOUND, `No user with id ${id}.`);
    return user;
  }

  /** The ids of the users with these emails, by email (unknown emails are missing). */
  async idsByEmail(emails: string[]): Promise<Map<string, string>> {
    const users = await this.users.find({ where: { email: In(emails.map((email) => email.toLowerCase())) }, select: { id: true, email: true } });
    return new Map(users.map((user) => [user.email, user.id]));
  }

  /** Whether a user with this id exists and is active (someone to own or manage something). */
  isActive(id: string): Promise<boolean> {
    return this.users.existsBy({ id, active: true });
  }

  /** The user behind a token, as the principal of a request, or null when they no longer exist or were deactivated. */
  async findActive(id: string): Promise<AuthUser | null> {
    const cached = this.activeUsers.get(id);
    if (cached) return cached;
    const user = await this.users.findOneBy({ id, active: true });
    if (!user) return null;
    const principal = toAuthUser(user);
    this.activeUsers.set(id, principal);
    return principal;
  }

  /** The active user with this email and password, or null; takes as long for an unknown email. */
  async authenticate(email: string, password: string): Promise<User | null> {
    const account = await this.users.findOne({ where: { email: email.trim().toLowerCase() }, select: { id: true, passwordHash: true } });
    const valid = await this.hasher.verify(account?.passwordHash, password);
    return valid && account ? this.users.findOneBy({ id: account.id }) : null;
  }

  /** `timeZone`: where the new user starts (the organisation's zone). */
  async create(dto: CreateUserDto, timeZone: string): Promise<User> {
    const user = this.users.create({
      email: dto.email.toLowerCase(),
      name: dto.name,
      role: dto.role,
      signature: dto.signature ?? '',
      timeZone,
      passwordHash: await this.hasher.hash(dto.password),
    });
    try {
      return await this.users.save(user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(ErrorCode.USER_EMAIL_TAKEN, `A user with the email ${user.email} already exists.`);
      }
      throw error;
    }
  }

  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<User> {
    const user = await this.get(id);
    if (user.id === actor.id && (dto.active === false || (dto.role && dto.role !== user.role))) {
      throw new ConflictError(ErrorCode.USER_CANNOT_DEMOTE_SELF, 'You cannot deactivate yourself or change your own role; ask another superuser.');
    }
    const { password, ...changes } = dto;
    const deactivated = user.active && dto.active === false;
    Object.assign(user, changes);
    if (password) user.passwordHash = await this.hasher.hash(password);
    // Ends every session and every API key of the user: a reset password or a deactivation shuts all doors.
    if (password || deactivated) user.sessionVersion += 1;
    this.activeUsers.delete(id);
    return this.users.save(user);
  }

  /**
   * One's own new password, given the current one; raises the session version, which ends every session and API
   * key of the user (AuthService starts a new session for the browser that asked). Null: the current one is wrong.
   */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<User | null> {
    const verified = await this.authenticate(user.email, currentPassword);
    if (!verified || verified.id !== user.id) return null;
    return this.replacePassword(verified, newPassword);
  }

  /** The active user with this email, or null. */
  findActiveByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase(), active: true });
  }

  /** A new password without the current one (a reset link was used): every session and API key of the user ends. */
  async setPassword(id: string, newPassword: string): Promise<User> {
    return this.replacePassword(await this.get(id), newPassword);
  }

  /** The new password, and a raised session version: every session and API key made under the old one ends. */
  private async replacePassword(user: User, newPassword: string): Promise<User> {
    user.passwordHash = await this.hasher.hash(newPassword);
    user.sessionVersion += 1;
    this.activeUsers.delete(user.id);
    return this.users.save(user);
  }

  async updateProfile(id: string, dto: UpdateProfileDto): Promise<User> {
    const user = await this.get(id);
    this.activeUsers.delete(id);
    return this.users.save(Object.assign(user, dto));
  }
}
