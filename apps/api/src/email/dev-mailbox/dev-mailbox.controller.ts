import { Controller, Get, Param, ParseIntPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DevMailDetail, DevMailSummary, Page } from '@sendas/contracts';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { PageQuery } from '../../common/page-query.dto';
import type { User } from '../../users/user.entity';
import { DevMailboxService } from './dev-mailbox.service';

@ApiTags('dev mailbox')
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Messages the dev mail catcher received, newest first (development only); your own, or all for admins and superusers' })
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  @ApiNotFoundResponse({ description: 'DEV_MAILBOX_DISABLED when a real SMTP server is configured' })
  list(@Query() query: PageQuery, @CurrentUser() reader: User): Promise<Page<DevMailSummary>> {
    return this.mailbox.list(reader, query.page, query.pageSize, query.q);
  }

  @Get(':id')
  @Auth()
  @ApiOkResponse({ description: 'Headers, text and HTML bodies, attachment list' })
  @ApiNotFoundResponse({ description: 'DEV_MAIL_NOT_FOUND or DEV_MAILBOX_DISABLED' })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() reader: User): Promise<DevMailDetail> {
    return this.mailbox.get(id, reader);
  }

  @Get(':id/attachments/:index')
  @Auth()
  @ApiProduces('application/octet-stream')
  async attachment(
    @Param('id', ParseIdPipe) id: string,
    @Param('index', ParseIntPipe) index: number,
    @CurrentUser() reader: User,
  ): Promise<StreamableFile> {
    const file = await this.mailbox.attachment(id, index, reader);
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
    });
  }
}
