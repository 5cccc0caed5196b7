import { Body, Controller, Get, Headers, Param, Post, Query, type Type, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  DOCUMENT_TYPES,
  type DocumentType,
  type EmailDraft,
  type EmailMessageDto,
  type Page,
  type SendEmailResult,
} from '@sendas/contracts';
import { CurrentApiKey, type RequestApiKey } from '../common/api-key-authentication';
import { FieldValidationError } from '../common/app.exception';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { DocumentAccessGuard, DocumentRoutes, NeedsDocumentAccess } from '../documents/document-access.guard';
import type { User } from '../users/user.entity';
import { EmailLogQueryDto, SendEmailDto } from './dto/send-email.dto';
import { EmailLog } from './email-log.service';
import { EmailSender } from './email-sender.service';

function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.length || value.length > 255) {
    throw FieldValidationError.of('Idempotency-Key', 'Idempotency-Key must be 1 to 255 characters.');
  }
  return value;
}

/** Draft, send and history of one document type, behind the document access guard. */
function documentEmailController(type: DocumentType): Type<unknown> {
  const label = DOCUMENT_LABELS[type];

  @ApiTags(DOCUMENT_PATHS[type])
  @Controller(DOCUMENT_PATHS[type])
  @DocumentRoutes(type)
  @UseGuards(DocumentAccessGuard)
  class DocumentEmailController {
    constructor(
      readonly sender: EmailSender,
      readonly log: EmailLog,
    ) {}

    @Get(':id/email-draft')
    @Auth()
    @NeedsDocumentAccess('write')
    @ApiOperation({ summary: `What the Send dialog starts from: sender, suggested recipients, subject and body of a ${label.toLowerCase()}` })
    draft(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: User): Promise<EmailDraft> {
      return this.sender.draft(type, id, user);
    }

    @Post(':id/send')
    @Auth()
    @ApiOperation({
      summary: `Email the ${label.toLowerCase()} from your own mailbox (or the company account, replies to you)`,
      description:
        'From is never chosen by the client. With the same Idempotency-Key the first result is returned and the mail goes out once.',
    })
    @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 255 characters, unique per send' })
    @ApiCreatedResponse({ description: '{emailId, messageId, from, sentVia, accepted, rejected}' })
    @ApiBadGatewayResponse({
      description:
        'SMTP_AUTH_FAILED, SMTP_APP_PASSWORD_REQUIRED, SMTP_TEMPORARY_FAILURE, ... (nothing sent); SEND_OUTCOME_UNKNOWN: the connection broke ' +
        'after the whole message was handed over, so it may have been delivered (check the Sent folder before sending again)',
    })
    @ApiTooManyRequestsResponse({ description: 'SMTP_QUOTA_EXCEEDED with the time it frees up' })
    @ApiConflictResponse({ description: 'SEND_IN_PROGRESS: the same key is still sending' })
    @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED with a different message' })
    send(
      @Param('id', ParseIdPipe) id: string,
      @Body() dto: SendEmailDto,
      @CurrentUser() user: User,
      @CurrentApiKey() apiKey: RequestApiKey | undefined,
      @Headers('idempotency-key') key?: string,
    ): Promise<SendEmailResult> {
      return this.sender.send(type, id, dto, user, { idempotencyKey: idempotencyKey(key), apiKey });
    }

    @Get(':id/emails')
    @Auth()
    @ApiOperation({ summary: 'Every send of this document: who, as whom, via which mailbox, to whom, and how it went' })
    history(@Param('id', ParseIdPipe) id: string): Promise<EmailMessageDto[]> {
      return this.log.forDocument(type, id);
    }
  }

  Object.defineProperty(DocumentEmailController, 'name', { value: `${label}EmailController` });
  return DocumentEmailController;
}

export const documentEmailControllers = DOCUMENT_TYPES.map(documentEmailController);

@ApiTags('emails')
@Controller('emails')
export class EmailLogController {
  constructor(private readonly log: EmailLog) {}

  @Get()
  @Auth('admin', 'superuser')
  @ApiOperation({ summary: 'The audit log of all sends, newest first' })
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  search(@Query() query: EmailLogQueryDto): Promise<Page<EmailMessageDto>> {
    return this.log.search(query);
  }
}
