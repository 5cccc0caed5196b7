import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth-user';

/** Who the request acts for, as the global guard authenticated it (with the API key, when it came with one). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user,
);
