import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  type ContactDto,
  type ContactLanguage,
  type DocumentDetailDto,
  type DocumentType,
  type EmailTemplateDto,
  type EmailTemplatePreview,
  ErrorCode,
  type FieldError,
  type PreviewEmailTemplateRequest,
  type TemplateProblem,
  type UpdateEmailTemplateRequest,
} from '@sendas/contracts';
import { AuditLog } from '../../audit';
import { type AuthUser, FieldValidationError, NotFoundError } from '../../common';
import { Env } from '../../config';
import { DocumentsService, formatAmount, longDate } from '../../documents';
import { draftRecipients } from '../draft-recipients';
import { builtInWording } from './built-in-wording';
import { EmailTemplate } from './email-template.entity';
import { renderTemplate, templateProblems, type TemplateValues } from './template-language';

const greetingOf = (contact: ContactDto | undefined): string => (contact ? contact.greetingName || contact.name : 'Sir or Madam');

const toDto = (template: EmailTemplate, updatedBy: { id: string; name: string } | null | undefined = template.updatedBy): EmailTemplateDto => ({
  documentType: template.documentType,
  language: template.language,
  subject: template.subject,
  body: template.body,
  updatedBy: updatedBy ? { id: updatedBy.id, name: updatedBy.name } : null,
  updatedAt: template.updatedAt.toISOString(),
});

/** The email templates: listed and edited by admins and superusers, filled for each Send dialog. */
@Injectable()
export class EmailTemplates {
  constructor(
    @InjectRepository(EmailTemplate) private readonly templates: Repository<EmailTemplate>,
    private readonly audit: AuditLog,
    private readonly config: Env,
    private readonly documents: DocumentsService,
  ) {}

  async list(): Promise<EmailTemplateDto[]> {
    const rows = await this.templates.find({ relations: { updatedBy: true }, order: { documentType: 'ASC', language: 'ASC' } });
    return rows.map((row) => toDto(row));
  }

  /** Saves a template after checking it: an unknown variable or unbalanced braces is a 400 naming the field. */
  async update(type: DocumentType, language: ContactLanguage, request: UpdateEmailTemplateRequest, actor: AuthUser): Promise<EmailTemplateDto> {
    const template = await this.templates.findOneBy({ documentType: type, language });
    if (!template) throw new NotFoundError(ErrorCode.NOT_FOUND, `There is no ${language} template for ${type}s.`);
    this.assertValid(request);
    Object.assign(template, { subject: request.subject, body: request.body, updatedById: actor.id });
    await this.templates.manager.transaction(async (manager) => {
      await manager.save(template);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'email_template.updated',
          subjectType: 'email_template',
          subjectId: template.id,
          details: { documentType: type, language },
        },
        manager,
      );
    });
    return toDto(template, actor);
  }

  /**
   * The subject and body for a draft: the template of the document's type in the contact's language (else English).
   * A stored template that cannot be filled (saved before the current checks) gives the built-in wording and says why.
   */
  async draft(
    document: DocumentDetailDto,
    contact: ContactDto | undefined,
    sender: Pick<AuthUser, 'name' | 'email'>,
  ): Promise<EmailTemplatePreview & { templateProblem: TemplateProblem | null }> {
    const language = contact?.language ?? 'en';
    const template =
      (await this.templates.findOneBy({ documentType: document.type, language })) ??
      (await this.templates.findOneByOrFail({ documentType: document.type, language: 'en' }));
    try {
      return { ...this.fill(template, document, contact, sender), templateProblem: null };
    } catch (error) {
      const wording = builtInWording(template.language, {
        type: document.type,
        number: document.number,
        companyName: document.company.name,
        greetingName: greetingOf(contact),
        orgName: this.config.ORG_NAME,
      });
      const message =
        `The ${document.type} email template (${template.language}) cannot be filled (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'}), ` +
        "so this draft has Sendas's built-in wording. A superuser can fix the template under Email templates.";
      return { ...wording, templateProblem: { code: ErrorCode.TEMPLATE_UNUSABLE, language: template.language, message } };
    }
  }

  /** Unsaved text filled for a real document the actor may read (greeting its first recipient), for the live preview. */
  async preview(request: PreviewEmailTemplateRequest, actor: AuthUser): Promise<EmailTemplatePreview> {
    this.assertValid(request);
    const document = await this.documents.detail(request.documentType, request.documentId, actor);
    return this.fill(request, document, draftRecipients(document).addressee, actor);
  }

  private fill(
    template: UpdateEmailTemplateRequest,
    document: DocumentDetailDto,
    contact: ContactDto | undefined,
    sender: Pick<AuthUser, 'name' | 'email'>,
  ): EmailTemplatePreview {
    const values: TemplateValues = {
      'contact.greetingName': greetingOf(contact),
      'contact.name': contact?.name ?? '',
      'company.name': document.company.name,
      'document.number': document.number,
      'document.total': formatAmount(document.total, document.currency),
      'document.currency': document.currency,
      'document.issueDate': longDate(document.issueDate),
      'document.validUntil': longDate(document.validUntil),
      'document.startDate': longDate(document.startDate),
      'document.endDate': longDate(document.endDate),
      'document.dueDate': longDate(document.dueDate),
      'sender.name': sender.name,
      'sender.email': sender.email,
      'org.name': this.config.ORG_NAME,
    };
    return { subject: renderTemplate(template.subject, values), body: renderTemplate(template.body, values) };
  }

  private assertValid(request: UpdateEmailTemplateRequest): void {
    const problems: FieldError[] = [];
    if (/[\r\n]/.test(request.subject)) problems.push({ field: 'subject', messages: ['The subject is one line.'] });
    for (const field of ['subject', 'body'] as const) {
      const messages = templateProblems(request[field]);
      if (messages.length) problems.push({ field, messages });
    }
    if (problems.length) throw new FieldValidationError(problems, ErrorCode.TEMPLATE_INVALID);
  }
}
