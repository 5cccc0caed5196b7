import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, type Type, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_LABELS, DOCUMENT_PATHS, DOCUMENT_TYPES, type DocumentType, ErrorCode, type ScheduledSendDto, type ScheduledSendPage } from '@sendas/contracts';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiContractResponse, ApiErrors } from '../common/openapi';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { DocumentAccessGuard, DocumentRoutes } from '../documents/document-access.guard';
import type { User } from '../users/user.entity';
import { OutboxQueryDto, RescheduleSendDto, ScheduleSendDto } from './dto/outbox.dto';
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
      ErrorCode.MAILBOX_RECONNECT_REQUIRED,
      ErrorCode.SECRET_UNREADABLE,
      ErrorCode.SYSTEM_MAIL_NOT_CONFIGURED,
    )
    schedule(@Param('id', ParseIdPipe) id: string, @Body() dto: ScheduleSendDto, @CurrentUser() user: User): Promise<ScheduledSendDto> {
      return this.outbox.schedule(type, id, dto, user);
    }

    @Get(':id/scheduled')
    @Auth()
    @ApiOperation({ summary: `The scheduled sends of this ${label.toLowerCase()}, latest time first` })
    @ApiContractResponse('ScheduledSendDto', { isArray: true })
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND)
    scheduled(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: User): Promise<ScheduledSendDto[]> {
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
  constructor(private readonly outbox: Outbox) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: "Scheduled sends: yours (scheduled by you or through your mailbox), or everyone's for admins" })
  @ApiContractResponse('ScheduledSendPage')
  @ApiErrors(ErrorCode.FORBIDDEN_ROLE)
  list(@Query() query: OutboxQueryDto, @CurrentUser() user: User): Promise<ScheduledSendPage> {
    return this.outbox.list(query, user);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One scheduled send' })
  @ApiContractResponse('ScheduledSendDto')
  @ApiErrors(ErrorCode.OUTBOX_NOT_FOUND)
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: User): Promise<ScheduledSendDto> {
    return this.outbox.get(id, user);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ summary: 'Move a scheduled send that has not started to another time' })
  @ApiContractResponse('ScheduledSendDto')
  @ApiErrors(ErrorCode.OUTBOX_NOT_FOUND, ErrorCode.OUTBOX_ALREADY_STARTED, ErrorCode.SEND_AT_INVALID, ErrorCode.TIME_ZONE_INVALID)
  reschedule(@Param('id', ParseIdPipe) id: string, @Body() dto: RescheduleSendDto, @CurrentUser() user: User): Promise<ScheduledSendDto> {
    return this.outbox.reschedule(id, dto, user);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Auth()
  @ApiOperation({ summary: 'Cancel a scheduled send that has not started' })
  @ApiContractResponse('ScheduledSendDto')
  @ApiErrors(ErrorCode.OUTBOX_NOT_FOUND, ErrorCode.OUTBOX_ALREADY_STARTED)
  cancel(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: User): Promise<ScheduledSendDto> {
    return this.outbox.cancel(id, user);
  }
}
