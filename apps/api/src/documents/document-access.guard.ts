import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type DocumentType, ErrorCode } from '@sendas/contracts';
import { AppException, type AuthUser, NotFoundError } from '../common';
import { DocumentAccessPolicy } from './document-access.policy';
import { DocumentsService } from './documents.service';

export const DOCUMENT_TYPE = 'documentType';
export const DOCUMENT_ACCESS = 'documentAccess';

/** Marks a controller's routes as routes of one document type. */
export const DocumentRoutes = (type: DocumentType) => SetMetadata(DOCUMENT_TYPE, type);
/**
 * What a route needs; by default GET reads and every other method writes. `service`: the route's service loads the
 * whole document anyway and decides on what it loaded (a hot path saves the guard's own query).
 */
export const NeedsDocumentAccess = (level: 'read' | 'write' | 'service') => SetMetadata(DOCUMENT_ACCESS, level);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * On every route with a document `:id`: a document the user may not see is a 404 (ids cannot be probed);
 * one they may only read is a 403 for changes. Lists and creation are scoped by the service.
 */
@Injectable()
export class DocumentAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly documents: DocumentsService,
    private readonly policy: DocumentAccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: { id?: string } }> & { user?: AuthUser }>();
    const id = request.params.id;
    const type = this.reflector.getAllAndOverride<DocumentType | undefined>(DOCUMENT_TYPE, [context.getHandler(), context.getClass()]);
    if (!type || typeof id !== 'string' || !UUID.test(id)) return true; // malformed ids are the pipe's 400
    const needed =
      this.reflector.get<'read' | 'write' | 'service' | undefined>(DOCUMENT_ACCESS, context.getHandler()) ?? (request.method === 'GET' ? 'read' : 'write');
    if (needed === 'service') return true;

    const subject = await this.documents.accessSubject(type, id);
    const access = subject ? this.policy.access(request.user!, subject) : 'none';
    if (access === 'none') throw new NotFoundError(ErrorCode.DOCUMENT_NOT_FOUND, `No ${type} with id ${id}.`);
    if (needed === 'write' && access === 'read') {
      throw new AppException(ErrorCode.DOCUMENT_READ_ONLY, `You can read this ${type} but not change or send it.`);
    }
    return true;
  }
}
