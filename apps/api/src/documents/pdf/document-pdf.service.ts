import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { type DocumentDetailDto, type DocumentType, pdfFilename } from '@sendas/contracts';
import { Env } from '../../config';
import type { Actor } from '../document-access.policy';
import { DocumentsService } from '../documents.service';
import { type Issuer, renderDocumentPdf } from './document-pdf.renderer';

export interface RenderedPdf {
  filename: string;
  content: Buffer;
}

/** Rendered PDFs kept for reuse, by total size. */
const CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Renders document PDFs, each once: a PDF depends only on the document's content and the issuer, so it is
 * cached under a hash of exactly those. Previewing a quote and then sending it renders it once, and a change
 * to the document, its company or its contacts gives a new key, never a stale PDF.
 */
@Injectable()
export class DocumentPdfService {
  private readonly issuer: Issuer;
  private readonly cache = new LRUCache<string, Buffer, DocumentDetailDto>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (pdf) => pdf.length,
    fetchMethod: (_key, _stale, { context }) => renderDocumentPdf(context, this.issuer),
  });

  constructor(
    private readonly documents: DocumentsService,
    config: Env,
  ) {
    this.issuer = { name: config.ORG_NAME, address: config.ORG_ADDRESS };
  }

  /** `Quote-Q-2026-0001.pdf`, for a user who may see the document. */
  async render(type: DocumentType, id: string, actor: Actor): Promise<RenderedPdf> {
    const document = await this.documents.detail(type, id, actor);
    return { filename: pdfFilename(document), content: await this.pdfOf(document) };
  }

  /** The PDF of a document already loaded (and access-checked) by the caller. */
  async pdfOf(document: DocumentDetailDto): Promise<Buffer> {
    const { canEdit: _forTheViewer, ...content } = document;
    const key = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
    return (await this.cache.fetch(key, { context: document }))!;
  }
}
