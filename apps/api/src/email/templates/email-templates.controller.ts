import { Body, Controller, Get, Param, ParseEnumPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CONTACT_LANGUAGES,
  ErrorCode,
  type ContactLanguage,
  DOCUMENT_TYPES,
  type DocumentType,
  type EmailTemplateDto,
  type EmailTemplatePreview,
} from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser } from '../../common';
import { EmailTemplates } from './email-templates.service';
import { PreviewEmailTemplateDto, UpdateEmailTemplateDto } from './email-template.dto';

const documentType = new ParseEnumPipe(Object.fromEntries(DOCUMENT_TYPES.map((type) => [type, type])));
const language = new ParseEnumPipe(Object.fromEntries(CONTACT_LANGUAGES.map((code) => [code, code])));

@ApiTags('email')
@Controller('email-templates')
export class EmailTemplatesController {
  constructor(private readonly templates: EmailTemplates) {}

  @Get()
  @Auth('admin', 'superuser')
  @ApiOperation({ summary: 'The email templates: one per document type and language, with who changed it last' })
  @ApiContractResponse('EmailTemplateDto', { isArray: true })
  list(): Promise<EmailTemplateDto[]> {
    return this.templates.list();
  }

  @Put(':documentType/:language')
  @Auth('admin', 'superuser')
  @ApiOperation({ summary: 'Change a template; an unknown variable, a helper or unbalanced braces are refused per field (TEMPLATE_INVALID)' })
  @ApiContractResponse('EmailTemplateDto')
  @ApiErrors(ErrorCode.TEMPLATE_INVALID)
  update(
    @Param('documentType', documentType) type: DocumentType,
    @Param('language', language) code: ContactLanguage,
    @Body() dto: UpdateEmailTemplateDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<EmailTemplateDto> {
    return this.templates.update(type, code, dto, actor);
  }

  @Post('preview')
  @Auth('admin', 'superuser')
  @ApiOperation({ summary: 'The (unsaved) template filled for a real document and its first recipient' })
  @ApiContractResponse('EmailTemplatePreview')
  @ApiErrors(ErrorCode.TEMPLATE_INVALID, ErrorCode.DOCUMENT_NOT_FOUND)
  preview(@Body() dto: PreviewEmailTemplateDto, @CurrentUser() actor: AuthUser): Promise<EmailTemplatePreview> {
    return this.templates.preview(dto, actor);
  }
}
