import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, type Repository } from 'typeorm';
import type { DocumentType, SavedEmailDraft, SaveEmailDraftRequest } from '@sendas/contracts';
import type { AuthUser } from '../../common';
import { EmailMessage } from '../email-message.entity';
import { SavedDraft } from './saved-draft.entity';

/**
 * The Send dialog's unsent messages, per person and document, on the server (never in the browser). A message is
 * dropped when it is discarded, and counts as gone once the person sent the document after last saving it (the
 * dialog discards it after a send too, but a closed tab would not).
 */
@Injectable()
export class SavedDrafts {
  constructor(
    @InjectRepository(SavedDraft) private readonly drafts: Repository<SavedDraft>,
    @InjectRepository(EmailMessage) private readonly messages: Repository<EmailMessage>,
  ) {}

  async find(user: AuthUser, documentType: DocumentType, documentId: string): Promise<SavedEmailDraft | null> {
    const draft = await this.drafts.findOneBy({ userId: user.id, documentType, documentId });
    if (!draft) return null;
    const sentSince = await this.messages.existsBy({
      actorId: user.id,
      documentType,
      documentId,
      status: In(['sending', 'sent', 'unknown']),
      createdAt: MoreThanOrEqual(draft.updatedAt),
    });
    if (sentSince) {
      await this.discard(user, documentType, documentId);
      return null;
    }
    return toDto(draft);
  }

  async save(user: AuthUser, documentType: DocumentType, documentId: string, input: SaveEmailDraftRequest): Promise<SavedEmailDraft> {
    const { subject, body, selected, extra, cc, bcc, onBehalfOfUserId } = input;
    await this.drafts.upsert(
      { userId: user.id, documentType, documentId, subject, body, recipients: { selected, extra, cc, bcc }, onBehalfOfUserId, updatedAt: new Date() },
      { conflictPaths: ['userId', 'documentType', 'documentId'] },
    );
    return toDto(await this.drafts.findOneByOrFail({ userId: user.id, documentType, documentId }));
  }

  async discard(user: AuthUser, documentType: DocumentType, documentId: string): Promise<void> {
    await this.drafts.delete({ userId: user.id, documentType, documentId });
  }
}

function toDto(draft: SavedDraft): SavedEmailDraft {
  return {
    subject: draft.subject,
    body: draft.body,
    ...draft.recipients,
    onBehalfOfUserId: draft.onBehalfOfUserId,
    updatedAt: draft.updatedAt.toISOString(),
  };
}
