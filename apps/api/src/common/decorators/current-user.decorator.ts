import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The signed-in user as the JWT strategy loaded it on this request (the parameter's type names the entity). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>().user);
