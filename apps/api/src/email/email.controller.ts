import {
  Body,
  Controller,
  createParamDecorator,
  Delete,
  HttpCode,
  type ExecutionContext,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  type Type,
  UseGuards,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  DOCUMENT_TYPES,
  type DocumentType,
  type EmailDraft,
  type EmailMessageDetailDto,
  type EmailMessageDto,
  type EmailMessagePage,
  ErrorCode,
  type SavedEmailDraft,
  type SendEmailResult,
} from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, FieldValidationError, ParseIdPipe } from '../common';
import { DocumentAccessGuard, DocumentRoutes, NeedsDocumentAccess } from '../documents';
import { EmailLogQueryDto, SaveEmailDraftDto, SendEmailDto } from './dto/send-email.dto';
import { EmailLog } from './email-log.service';
import { EmailSender } from './email-sender.service';
import { SavedDrafts } from './saved-drafts/saved-drafts.service';

/** The optional Idempotency-Key header (documented once, by @ApiHeader on the route). */
const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.length || value.length > 255) {
    throw FieldValidationError.of('Idempotency-Key', 'Idempotency-Key must be 1 to 255 characters, given once.');
  }
  return value;
});

const ON_BEHALF_OF = new ParseUUIDPipe({
  optional: true,
  version: 'all',
  exceptionFactory: () => FieldValidationError.of('onBehalfOfUserId', 'onBehalfOfUserId must be the id (UUID) of a user'),
});

const SEND_FAILURES = [
  ErrorCode.SMTP_AUTH_FAILED,
  ErrorCode.SMTP_APP_PASSWORD_REQUIRED,
  ErrorCode.SMTP_QUOTA_EXCEEDED,
  ErrorCode.SMTP_TEMPORARY_FAILURE,
  ErrorCode.SMTP_RECIPIENT_REJECTED,
  ErrorCode.SMTP_SENDER_REJECTED,
  ErrorCode.SMTP_UNREACHABLE,
  ErrorCode.SMTP_TIMEOUT,
  ErrorCode.SMTP_TLS_FAILED,
  ErrorCode.SMTP_HOST_NOT_ALLOWED,
  ErrorCode.SMTP_FAILED,
  ErrorCode.SECRET_UNREADABLE,
  ErrorCode.MAILBOX_RECONNECT_REQUIRED,
  ErrorCode.OAUTH_EXCHANGE_FAILED,
  ErrorCode.SYSTEM_MAIL_NOT_CONFIGURED,
  ErrorCode.SEND_OUTCOME_UNKNOWN,
];

/** Draft, send and history of one document type, behind the document access guard. */
function documentEmailController(type: DocumentType): Type<unknown> {
  const label = DOCUMENT_LABELS[type];

  @ApiTags('email')
  @Controller(DOCUMENT_PATHS[type])
  @DocumentRoutes(type)
  @UseGuards(DocumentAccessGuard)
  class DocumentEmailController {
    constructor(
      readonly sender: EmailSender,
      readonly log: EmailLog,
      readonly savedDrafts: SavedDrafts,
    ) {}

    @Get(':id/email-draft')
    @Auth()
    @NeedsDocumentAccess('write')
    @ApiOperation({ summary: `What the Send dialog starts from: sender, suggested recipients, subject and body of a ${label.toLowerCase()}` })
    @ApiContractResponse('EmailDraft')
    @ApiErrors(
      ErrorCode.DOCUMENT_NOT_FOUND,
      ErrorCode.DOCUMENT_READ_ONLY,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.MAILBOX_RECONNECT_REQUIRED,
      ErrorCode.SECRET_UNREADABLE,
      ErrorCode.SYSTEM_MAIL_NOT_CONFIGURED,
    )
    @ApiQuery({ name: 'onBehalfOfUserId', required: false, description: 'Admins: the draft as this user would send it (their mailbox, signature, usage)' })
    async draft(
      @Param('id', ParseIdPipe) id: string,
      @CurrentUser() user: AuthUser,
      @Query('onBehalfOfUserId', ON_BEHALF_OF) onBehalfOfUserId?: string,
    ): Promise<EmailDraft> {
      const [draft, saved] = await Promise.all([this.sender.draft(type, id, user, onBehalfOfUserId), this.savedDrafts.find(user, type, id)]);
      return { ...draft, saved };
    }

    @Put(':id/email-draft/saved')
    @Auth()
    @NeedsDocumentAccess('write')
    @ApiOperation({ summary: `Keep what you typed in the Send dialog of this ${label.toLowerCase()}, until you send it or discard it` })
    @ApiContractResponse('SavedEmailDraft')
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.DOCUMENT_READ_ONLY)
    saveDraft(@Param('id', ParseIdPipe) id: string, @Body() dto: SaveEmailDraftDto, @CurrentUser() user: AuthUser): Promise<SavedEmailDraft> {
      return this.savedDrafts.save(user, type, id, { ...dto, onBehalfOfUserId: dto.onBehalfOfUserId ?? null });
    }

    @Delete(':id/email-draft/saved')
    @Auth()
    @HttpCode(HttpStatus.NO_CONTENT)
    @NeedsDocumentAccess('write')
    @ApiOperation({ summary: `Discard your unsent message of this ${label.toLowerCase()} (nothing happens when there is none)` })
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.DOCUMENT_READ_ONLY)
    discardDraft(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
      return this.savedDrafts.discard(user, type, id);
    }

    @Post(':id/send')
    @Auth()
    @NeedsDocumentAccess('service') // EmailSender checks write access on the document it loads
    @ApiOperation({
      summary: `Email the ${label.toLowerCase()} from your own mailbox (or the company account, replies to you)`,
      description: 'From is never chosen by the client. With the same Idempotency-Key the first result is returned and the mail goes out once.',
    })
    @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 255 characters, unique per send' })
    @ApiContractResponse('SendEmailResult', { status: HttpStatus.CREATED, description: 'Accepted by the mail server' })
    @ApiErrors(
      ErrorCode.DOCUMENT_NOT_FOUND,
      ErrorCode.DOCUMENT_READ_ONLY,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      ErrorCode.SEND_IN_PROGRESS,
      ErrorCode.SCHEDULED_SEND_PENDING,
      ...SEND_FAILURES,
    )
    send(
      @Param('id', ParseIdPipe) id: string,
      @Body() dto: SendEmailDto,
      @CurrentUser() user: AuthUser,
      @IdempotencyKey() idempotencyKey: string | undefined,
    ): Promise<SendEmailResult> {
      return this.sender.send(type, id, dto, user, { idempotencyKey, askAboutPending: true });
    }

    @Get(':id/emails')
    @Auth()
    @ApiOperation({ summary: 'Every send of this document: who, as whom, via which mailbox, to whom, and how it went' })
    @ApiContractResponse('EmailMessageDto', { isArray: true })
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND)
    history(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<EmailMessageDto[]> {
      return this.log.forDocument(type, id, user);
    }

    @Get(':id/emails/:emailId')
    @Auth()
    @ApiOperation({ summary: 'One send of this document: outcome, who and as whom, recipients, the body as sent, attachments and the server reply' })
    @ApiContractResponse('EmailMessageDetailDto')
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.EMAIL_NOT_FOUND)
    email(@Param('id', ParseIdPipe) id: string, @Param('emailId', ParseIdPipe) emailId: string, @CurrentUser() user: AuthUser): Promise<EmailMessageDetailDto> {
      return this.log.detail(type, id, emailId, user);
    }
  }

  Object.defineProperty(DocumentEmailController, 'name', { value: `${label}EmailController` });
  return DocumentEmailController;
}

export const documentEmailControllers = DOCUMENT_TYPES.map(documentEmailController);

@ApiTags('email')
@Controller('emails')
export class EmailLogController {
  constructor(private readonly log: EmailLog) {}

  @Get()
  @Auth('admin', 'superuser')
  @ApiOperation({ summary: 'The audit log of all sends, newest first' })
  @ApiContractResponse('EmailMessagePage')
  search(@Query() query: EmailLogQueryDto, @CurrentUser() user: AuthUser): Promise<EmailMessagePage> {
    return this.log.search(query, user);
  }
}
