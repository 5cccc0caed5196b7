import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateBy,
} from 'class-validator';
import {
  DOCUMENT_TYPES,
  EMAIL_STATUSES,
  type EmailLogQuery,
  type EmailStatus,
  MAX_BODY_BYTES,
  MAX_RECIPIENTS,
  MAX_SUBJECT_LENGTH,
  PENDING_SEND_CHOICES,
  type PendingSendChoice,
  type SaveEmailDraftRequest,
  type SendEmailRequest,
} from '@sendas/contracts';
import { PageQuery } from '../../common';

const MaxBytes = (max: number) =>
  ValidateBy({
    name: 'maxBytes',
    validator: {
      validate: (value) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
      defaultMessage: (args) => `${args?.property} must be at most ${max / 1024} kB`,
    },
  });

export class SendEmailDto implements SendEmailRequest {
  @ApiProperty({ example: ['somchai@siamriverside.example'], description: `1 to ${MAX_RECIPIENTS} addresses with cc and bcc` })
  @IsArray()
  @ArrayMinSize(1, { message: 'recipients must name at least one address' })
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true, message: 'each of recipients must be an email address' })
  recipients: string[];

  @ApiPropertyOptional({ example: ['accounts@siamriverside.example'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true, message: 'each of cc must be an email address' })
  cc?: string[];

  @ApiPropertyOptional({ example: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true, message: 'each of bcc must be an email address' })
  bcc?: string[];

  @ApiProperty({ example: 'Quote Q-2026-0001 from BMAsia Music', maxLength: MAX_SUBJECT_LENGTH })
  @IsString()
  @Length(1, MAX_SUBJECT_LENGTH)
  @Matches(/^[^\r\n]*$/, { message: 'subject must be a single line' })
  subject: string;

  @ApiProperty({ example: 'Dear Somchai,\n\nPlease find attached our quote.\n\nKind regards,' })
  @IsString()
  @Length(1, MAX_BODY_BYTES)
  @MaxBytes(MAX_BODY_BYTES)
  body: string;

  @ApiPropertyOptional({ default: true, description: 'Attach the document as a PDF' })
  @IsOptional()
  @IsBoolean()
  attachPdf?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: "Admins and superusers only: send through this user's mailbox" })
  @IsOptional()
  @IsUUID('all')
  onBehalfOfUserId?: string;

  @ApiPropertyOptional({
    enum: PENDING_SEND_CHOICES,
    description: 'When a send of this document is still scheduled: cancel it, or keep it too. Without it: 409 SCHEDULED_SEND_PENDING',
  })
  @IsOptional()
  @IsIn(PENDING_SEND_CHOICES)
  pendingSends?: PendingSendChoice;
}

export class EmailLogQueryDto extends PageQuery implements EmailLogQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Sent by or through this user' })
  @IsOptional()
  @IsUUID('all')
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  documentId?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  documentType?: (typeof DOCUMENT_TYPES)[number];

  @ApiPropertyOptional({ enum: EMAIL_STATUSES })
  @IsOptional()
  @IsIn(EMAIL_STATUSES)
  status?: EmailStatus;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'On or after this day (UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Before the end of this day (UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

/** Up to MAX_RECIPIENTS addresses, each one an email address (a saved message holds only what could be sent). */
const AddressList = (field: string) =>
  applyDecorators(
    ApiProperty({ type: [String], maxItems: MAX_RECIPIENTS }),
    IsArray(),
    ArrayMaxSize(MAX_RECIPIENTS),
    IsEmail({}, { each: true, message: `each of ${field} must be an email address` }),
  );

export class SaveEmailDraftDto implements SaveEmailDraftRequest {
  @ApiProperty({ maxLength: MAX_SUBJECT_LENGTH })
  @IsString()
  @Length(0, MAX_SUBJECT_LENGTH)
  subject: string;

  @ApiProperty({ description: `Up to ${MAX_BODY_BYTES / 1024} kB` })
  @IsString()
  @MaxBytes(MAX_BODY_BYTES)
  body: string;

  @AddressList('selected')
  selected: string[];

  @AddressList('extra')
  extra: string[];

  @AddressList('cc')
  cc: string[];

  @AddressList('bcc')
  bcc: string[];

  @ApiProperty({ nullable: true, type: String, description: 'Admins: whom it goes on behalf of' })
  @IsOptional()
  @IsUUID('all', { message: 'onBehalfOfUserId must be the id (UUID) of a user' })
  onBehalfOfUserId: string | null;
}
