import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DOCUMENT_LABELS, type DocumentType } from '@sendas/contracts';
import type { Env } from '../../config/env.validation';
import type { Actor } from '../document-access.policy';
import { DocumentsService } from '../documents.service';
import { renderDocumentPdf } from './document-pdf.renderer';

export interface RenderedPdf {
  filename: string;
  content: Buffer;
}

@Injectable()
export class DocumentPdfService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** `Quote-Q-2026-0001.pdf`, rendered for a user who may see the document. */
  async render(type: DocumentType, id: string, actor: Actor): Promise<RenderedPdf> {
    const document = await this.documents.detail(type, id, actor);
    const content = await renderDocumentPdf(document, {
      name: this.config.get('ORG_NAME', { infer: true }),
      address: this.config.get('ORG_ADDRESS', { infer: true }),
    });
    return { filename: `${DOCUMENT_LABELS[type]}-${document.number}.pdf`, content };
  }
}
