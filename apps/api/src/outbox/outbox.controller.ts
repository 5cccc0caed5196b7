import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, StreamableFile, type Type, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type BulkSendDto,
  type BulkSendPreview,
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  DOCUMENT_TYPES,
  type DocumentType,
  ErrorCode,
  type ScheduledSendDto,
  type ScheduledSendPage,
} from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, ApiFileResponse, Auth, type AuthUser, CurrentUser, ParseIdPipe } from '../common';
import { DocumentAccessGuard, DocumentRoutes } from '../documents';
import { BulkSends } from './bulk-sends.service';
import { BulkSendInput, OutboxQueryDto, RescheduleSendDto, ScheduleSendDto } from './dto/outbox.dto';
import { Outbox } from './outbox.service';

/** Send later for one document type, behind the document access guard. */
function documentOutboxController(type: DocumentType): Type<unknown> {
  const label = DOCUMENT_LABELS[type];

  @ApiTags('outbox')
  @Controller(DOCUMENT_PATHS[type])
  @DocumentRoutes(type)
  @UseGuards(DocumentAccessGuard)
  class DocumentOutboxController {
    constructor(readonly outbox: Outbox) {}

    @Post(':id/schedule')
    @Auth()
    @ApiOperation({
      summary: `Send the ${label.toLowerCase()} later: the message and its PDF are kept as they are now`,
      description: 'Access, mailbox and daily limit are checked now and again when it goes out.',
    })
    @ApiContractResponse('ScheduledSendDto', { status: HttpStatus.CREATED, description: 'Scheduled' })
    @ApiErrors(
      ErrorCode.DOCUMENT_NOT_FOUND,
      ErrorCode.DOCUMENT_READ_ONLY,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.SEND_AT_INVALID,
      ErrorCode.TIME_ZONE_INVALID,
      ErrorCode.SCHEDULED_SEND_PENDING,
      ErrorCode.MAILBOX_RECONNECT_REQUIRED,
      ErrorCode.SECRET_UNREADABLE,
      ErrorCode.SYSTEM_MAIL_NOT_CONFIGURED,
    )
    schedule(@Param('id', ParseIdPipe) id: string, @Body() dto: ScheduleSendDto, @CurrentUser() user: AuthUser): Promise<ScheduledSendDto> {
      return this.outbox.schedule(type, id, dto, user);
    }

    @Get(':id/scheduled')
    @Auth()
    @ApiOperation({ summary: `The scheduled sends of this ${label.toLowerCase()}, latest time first` })
    @ApiContractResponse('ScheduledSendDto', { isArray: true })
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND)
    scheduled(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<ScheduledSendDto[]> {
      return this.outbox.forDocument(type, id, user);
    }
  }

  Object.defineProperty(DocumentOutboxController, 'name', { value: `${label}OutboxController` });
  return DocumentOutboxController;
}

export const documentOutboxControllers = DOCUMENT_TYPES.map(documentOutboxController);

@ApiTags('outbox')
@Controller('outbox')
export class OutboxController {
  constructor(
    private readonly outbox: Outbox,
    private readonly bulkSends: BulkSends,
  ) {}

  @Post('bulk/preview')
  @HttpCode(HttpStatus.OK)
  @Auth()
  @ApiOperation({
    summary: 'What a bulk send would do, before anything is queued',
    description: 'Per document: the contacts it goes to, the mailbox it goes from, when it was last sent, and what would stop it.',
  })
  @ApiContractResponse('BulkSendPreview')
  @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.FORBIDDEN_ROLE)
  bulkPreview(@Body() dto: BulkSendInput, @CurrentUser() user: AuthUser): Promise<BulkSendPreview> {
    return this.bulkSends.preview(dto, user);
  }

  @Post('bulk')
  @Auth()
  @ApiOperation({
    summary: 'Send many: each document to its preselected contacts with its template, paced per mailbox',
    description: 'Checked whole before anything is queued: access, recipients, and what each mailbox may still send today.',
  })
  @ApiContractResponse('BulkSendDto', { status: HttpStatus.CREATED, description: 'Queued' })
  @ApiErrors(
    ErrorCode.DOCUMENT_NOT_FOUND,
    ErrorCode.DOCUMENT_READ_ONLY,
    ErrorCode.FORBIDDEN_ROLE,
    ErrorCode.BULK_NO_RECIPIENTS,
    ErrorCode.BULK_ALREADY_SENT,
    ErrorCode.TEMPLATE_UNUSABLE,
    ErrorCode.BULK_OVER_DAILY_LIMIT,
    ErrorCode.MAILBOX_RECONNECT_REQUIRED,
    ErrorCode.SECRET_UNREADABLE,
    ErrorCode.SYSTEM_MAIL_NOT_CONFIGURED,
  )
  bulk(@Body() dto: BulkSendInput, @CurrentUser() user: AuthUser): Promise<BulkSendDto> {
    return this.bulkSends.create(dto, user);
  }

  @Get('bulk/:id')
  @Auth()
  @ApiOperation({ summary: 'A bulk send with the state of each of its sends' })
  @ApiContractResponse('BulkSendDto')
  @ApiErrors(ErrorCode.BULK_NOT_FOUND)
  bulkSend(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<BulkSendDto> {
    return this.bulkSends.get(id, user);
  }

  @Post('bulk/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @Auth()
  @ApiOperation({ summary: 'Cancel the sends of a bulk send that have not started' })
  @ApiContractResponse('BulkSendDto')
  @ApiErrors(ErrorCode.BULK_NOT_FOUND, ErrorCode.OUTBOX_ALREADY_STARTED)
  cancelBulk(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<BulkSendDto> {
    return this.bulkSends.cancelRest(id, user);
  }

  @Get('bulk/:id/outcome.csv')
  @Auth()
  @ApiOperation({ summary: 'The outcome of a bulk send per document, as CSV' })
  @ApiFileResponse('text/csv', 'document, to, status, send at, email id, error code, error')
  @ApiErrors(ErrorCode.BULK_NOT_FOUND)
  async outcome(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return new StreamableFile(Buffer.from(await this.bulkSends.csv(id, user)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="bulk-send-${id}.csv"`,
    });
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: "Scheduled sends: yours (scheduled by you or through your mailbox), or everyone's for admins" })
  @ApiContractResponse('ScheduledSendPage')
  @ApiErrors(ErrorCode.FORBIDDEN_ROLE)
  list(@Query() query: OutboxQueryDto, @CurrentUser() user: AuthUser): Promise<ScheduledSendPage> {
    return this.outbox.list(query, user);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One scheduled send' })
  @ApiContractResponse('ScheduledSendDto')
  @ApiErrors(ErrorCode.OUTBOX_NOT_FOUND)
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<ScheduledSendDto> {
    return this.outbox.get(id, user);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ summary: 'Move a scheduled send that has not started to another time' })
  @ApiContractResponse('ScheduledSendDto')
  @ApiErrors(ErrorCode.OUTBOX_NOT_FOUND, ErrorCode.OUTBOX_ALREADY_STARTED, ErrorCode.SEND_AT_INVALID, ErrorCode.TIME_ZONE_INVALID)
  reschedule(@Param('id', ParseIdPipe) id: string, @Body() dto: RescheduleSendDto, @CurrentUser() user: AuthUser): Promise<ScheduledSendDto> {
    return this.outbox.reschedule(id, dto, user);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Auth()
  @ApiOperation({ summary: 'Cancel a scheduled send that has not started' })
  @ApiContractResponse('ScheduledSendDto')
  @ApiErrors(ErrorCode.OUTBOX_NOT_FOUND, ErrorCode.OUTBOX_ALREADY_STARTED)
  cancel(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<ScheduledSendDto> {
    return this.outbox.cancel(id, user);
  }
}
