import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { DOCUMENT_TYPES, type DocumentType, type PreviewEmailTemplateRequest, type UpdateEmailTemplateRequest } from '@sendas/contracts';

export class UpdateEmailTemplateDto implements UpdateEmailTemplateRequest {
  @ApiProperty({ example: 'Quote {{document.number}} from {{org.name}}' })
  @IsString()
  @Length(1, 300)
  subject: string;

  @ApiProperty({ example: 'Dear {{contact.greetingName}},\n\nPlease find attached our quote {{document.number}}.' })
  @IsString()
  @Length(1, 20_000)
  body: string;
}

export class PreviewEmailTemplateDto extends UpdateEmailTemplateDto implements PreviewEmailTemplateRequest {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  documentType: DocumentType;

  @ApiProperty({ format: 'uuid', description: 'A document to fill the template with' })
  @IsUUID('all')
  documentId: string;
}
