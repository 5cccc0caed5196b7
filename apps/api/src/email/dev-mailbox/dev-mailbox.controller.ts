import { Controller, Get, Param, ParseIntPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DevMailDetail, DevMailSummary, Page } from '@sendas/contracts';
import { Auth } from '../../common/decorators/auth.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { PageQuery } from '../../common/page-query.dto';
import { DevMailboxService } from './dev-mailbox.service';

@ApiTags('dev mailbox')
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Messages the dev mail catcher received, newest first (development only)' })
  @ApiOkResponse({ description: '{items, total, page, pageSize}' })
  @ApiNotFoundResponse({ description: 'DEV_MAILBOX_DISABLED when a real SMTP server is configured' })
  list(@Query() query: PageQuery): Promise<Page<DevMailSummary>> {
    return this.mailbox.list(query.page, query.pageSize, query.q);
  }

  @Get(':id')
  @Auth()
  @ApiOkResponse({ description: 'Headers, text and HTML bodies, attachment list' })
  @ApiNotFoundResponse({ description: 'DEV_MAIL_NOT_FOUND or DEV_MAILBOX_DISABLED' })
  get(@Param('id', ParseIdPipe) id: string): Promise<DevMailDetail> {
    return this.mailbox.get(id);
  }

  @Get(':id/attachments/:index')
  @Auth()
  @ApiProduces('application/octet-stream')
  async attachment(
    @Param('id', ParseIdPipe) id: string,
    @Param('index', ParseIntPipe) index: number,
  ): Promise<StreamableFile> {
    const file = await this.mailbox.attachment(id, index);
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
    });
  }
}
