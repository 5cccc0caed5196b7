import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, type Role } from '@sendas/contracts';
import { AppException } from '../app.exception';
import { ROLES_KEY } from '../decorators/auth.decorator';

/** Global, after AuthenticationGuard: enforces @Roles()/@Auth(...roles) when a route declares roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<FastifyRequest & { user?: { role: Role } }>().user;
    if (user && roles.includes(user.role)) return true;
    throw new AppException(ErrorCode.FORBIDDEN_ROLE, `This needs the role ${roles.join(' or ')}; ask a superuser if you should have access.`);
  }
}
