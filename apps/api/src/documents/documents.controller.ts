import { Body, Controller, Get, Param, Patch, Post, Query, StreamableFile, type Type, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { DOCUMENT_LABELS, DOCUMENT_PATHS, type DocumentDetailDto, type DocumentPage, type DocumentType } from '@sendas/contracts';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import type { User } from '../users/user.entity';
import { DocumentAccessGuard, DocumentRoutes, NeedsDocumentAccess } from './document-access.guard';
import { DocumentPdfService } from './pdf/document-pdf.service';
import { DocumentsService } from './documents.service';
import { CopyDocumentDto, CreateDocumentDto, DocumentListQueryDto, UpdateDocumentDto } from './dto/document.dto';

/** The same HTTP surface for /quotes, /contracts and /invoices. */
function documentsController(type: DocumentType): Type<unknown> {
  const label = DOCUMENT_LABELS[type];
  const lower = label.toLowerCase();

  @ApiTags(DOCUMENT_PATHS[type])
  @Controller(DOCUMENT_PATHS[type])
  @DocumentRoutes(type)
  @UseGuards(DocumentAccessGuard)
  class DocumentsController {
    constructor(
      readonly documents: DocumentsService,
      readonly pdfs: DocumentPdfService,
    ) {}

    @Get()
    @Auth()
    @ApiOperation({ summary: `${label}s the signed-in user may see, one page at a time` })
    @ApiOkResponse({ description: '{items, total, page, pageSize}' })
    list(@Query() query: DocumentListQueryDto, @CurrentUser() user: User): Promise<DocumentPage> {
      return this.documents.list(type, query, user);
    }

    @Post()
    @Auth()
    @ApiOperation({ summary: `Create a draft ${lower}; totals are computed on the server` })
    @ApiCreatedResponse({ description: `The new ${lower} with its number` })
    @ApiNotFoundResponse({ description: 'COMPANY_NOT_FOUND or USER_NOT_FOUND' })
    create(@Body() dto: CreateDocumentDto, @CurrentUser() user: User): Promise<DocumentDetailDto> {
      return this.documents.create(type, dto, user);
    }

    @Get(':id')
    @Auth()
    @ApiOkResponse({ description: `The ${lower} with line items, company and contacts` })
    @ApiNotFoundResponse({ description: 'DOCUMENT_NOT_FOUND (also for documents you may not see)' })
    get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: User): Promise<DocumentDetailDto> {
      return this.documents.detail(type, id, user);
    }

    @Patch(':id')
    @Auth()
    @ApiOperation({ summary: 'Change the status, or the fields of a draft' })
    @ApiConflictResponse({ description: 'DOCUMENT_INVALID_TRANSITION or DOCUMENT_NOT_EDITABLE' })
    update(
      @Param('id', ParseIdPipe) id: string,
      @Body() dto: UpdateDocumentDto,
      @CurrentUser() user: User,
    ): Promise<DocumentDetailDto> {
      return this.documents.update(type, id, dto, user);
    }

    @Post(':id/copy')
    @Auth()
    @NeedsDocumentAccess('read')
    @ApiOperation({ summary: `A new draft from this ${lower}: duplicate it${type === 'quote' ? ', or make an invoice or a contract from it' : ''}` })
    @ApiCreatedResponse({ description: 'The new draft, numbered, dates from today' })
    @ApiNotFoundResponse({ description: 'DOCUMENT_NOT_FOUND' })
    @ApiConflictResponse({ description: 'COMPANY_ARCHIVED' })
    copy(@Param('id', ParseIdPipe) id: string, @Body() dto: CopyDocumentDto, @CurrentUser() user: User): Promise<DocumentDetailDto> {
      return this.documents.copy(type, id, dto.as ?? type, user);
    }

    @Get(':id/pdf')
    @Auth()
    @ApiProduces('application/pdf')
    @ApiOkResponse({ description: `The ${lower} as a PDF, shown inline` })
    async pdf(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: User): Promise<StreamableFile> {
      const pdf = await this.pdfs.render(type, id, user);
      return new StreamableFile(pdf.content, {
        type: 'application/pdf',
        disposition: `inline; filename="${pdf.filename}"`,
        length: pdf.content.length,
      });
    }
  }

  Object.defineProperty(DocumentsController, 'name', { value: `${label}sController` });
  return DocumentsController;
}

export const documentControllers = (['quote', 'contract', 'invoice'] as const).map(documentsController);
