import { Controller, Get, Param, ParseIntPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DevMailDetail, type DevMailPage, ErrorCode } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, ApiFileResponse, Auth, type AuthUser, CurrentUser, PageQuery, ParseIdPipe } from '../../common';
import { DevMailboxService } from './dev-mailbox.service';

@ApiTags('email')
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Messages the dev mail catcher received, newest first (development only); your own, or all for admins and superusers' })
  @ApiContractResponse('DevMailPage')
  @ApiErrors(ErrorCode.DEV_MAILBOX_DISABLED)
  list(@Query() query: PageQuery, @CurrentUser() reader: AuthUser): Promise<DevMailPage> {
    return this.mailbox.list(reader, query.page, query.pageSize, query.q);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One message the dev mail catcher received: headers, text and HTML bodies, attachment list' })
  @ApiContractResponse('DevMailDetail')
  @ApiErrors(ErrorCode.DEV_MAIL_NOT_FOUND, ErrorCode.DEV_MAILBOX_DISABLED)
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() reader: AuthUser): Promise<DevMailDetail> {
    return this.mailbox.get(id, reader);
  }

  @Get(':id/attachments/:index')
  @Auth()
  @ApiOperation({ summary: 'One attachment of a message the dev mail catcher received' })
  @ApiFileResponse('application/octet-stream', 'The attachment, with its content type and file name')
  @ApiErrors(ErrorCode.DEV_MAIL_NOT_FOUND, ErrorCode.DEV_MAILBOX_DISABLED)
  async attachment(
    @Param('id', ParseIdPipe) id: string,
    @Param('index', ParseIntPipe) index: number,
    @CurrentUser() reader: AuthUser,
  ): Promise<StreamableFile> {
    const file = await this.mailbox.attachment(id, index, reader);
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
    });
  }
}
