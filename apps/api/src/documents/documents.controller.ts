import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query, StreamableFile, type Type, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_LABELS, DOCUMENT_PATHS, type DocumentDetailDto, type DocumentPage, type DocumentType, ErrorCode } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, ApiFileResponse, Auth, type AuthUser, CurrentUser, ParseIdPipe } from '../common';
import { DocumentAccessGuard, DocumentRoutes, NeedsDocumentAccess } from './document-access.guard';
import { DocumentPdfService } from './pdf/document-pdf.service';
import { DocumentsService } from './documents.service';
import { CopyDocumentDto, CreateDocumentDto, DocumentListQueryDto, UpdateDocumentDto } from './dto/document.dto';

/** The same HTTP surface for /quotes, /contracts and /invoices. */
function documentsController(type: DocumentType): Type<unknown> {
  const label = DOCUMENT_LABELS[type];
  const lower = label.toLowerCase();

  @ApiTags('documents')
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
    @ApiContractResponse('DocumentPage')
    list(@Query() query: DocumentListQueryDto, @CurrentUser() user: AuthUser): Promise<DocumentPage> {
      return this.documents.list(type, query, user);
    }

    @Post()
    @Auth()
    @ApiOperation({ summary: `Create a draft ${lower}; totals are computed on the server` })
    @ApiContractResponse('DocumentDetailDto', { status: HttpStatus.CREATED, description: `The new ${lower} with its number` })
    @ApiErrors(ErrorCode.COMPANY_NOT_FOUND, ErrorCode.USER_NOT_FOUND, ErrorCode.COMPANY_ARCHIVED)
    create(@Body() dto: CreateDocumentDto, @CurrentUser() user: AuthUser): Promise<DocumentDetailDto> {
      return this.documents.create(type, dto, user);
    }

    @Get(':id')
    @Auth()
    @ApiOperation({ summary: `One ${lower} with its line items, company and contacts (DOCUMENT_NOT_FOUND also for one you may not see)` })
    @ApiContractResponse('DocumentDetailDto')
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND)
    get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<DocumentDetailDto> {
      return this.documents.detail(type, id, user);
    }

    @Patch(':id')
    @Auth()
    @ApiOperation({ summary: 'Change the status, or the fields of a draft' })
    @ApiContractResponse('DocumentDetailDto')
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.DOCUMENT_READ_ONLY, ErrorCode.DOCUMENT_INVALID_TRANSITION, ErrorCode.DOCUMENT_NOT_EDITABLE)
    update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateDocumentDto, @CurrentUser() user: AuthUser): Promise<DocumentDetailDto> {
      return this.documents.update(type, id, dto, user);
    }

    @Post(':id/copy')
    @Auth()
    @NeedsDocumentAccess('read')
    @ApiOperation({ summary: `A new draft from this ${lower}: duplicate it${type === 'quote' ? ', or make an invoice or a contract from it' : ''}` })
    @ApiContractResponse('DocumentDetailDto', { status: HttpStatus.CREATED, description: 'The new draft, numbered, dates from today' })
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.COMPANY_ARCHIVED)
    copy(@Param('id', ParseIdPipe) id: string, @Body() dto: CopyDocumentDto, @CurrentUser() user: AuthUser): Promise<DocumentDetailDto> {
      return this.documents.copy(type, id, dto.as ?? type, user);
    }

    @Get(':id/pdf')
    @Auth()
    @ApiOperation({ summary: `The ${lower} as a PDF, shown inline` })
    @ApiFileResponse('application/pdf', `The ${lower} as a PDF`)
    @ApiErrors(ErrorCode.DOCUMENT_NOT_FOUND)
    async pdf(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
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
