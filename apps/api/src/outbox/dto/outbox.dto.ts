import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, ValidateIf } from 'class-validator';
import {
  ALL_DOCUMENT_STATUSES,
  ALREADY_SENT_CHOICES,
  type AlreadySentChoice,
  type BulkSendRequest,
  DOCUMENT_TYPES,
  type DocumentStatus,
  type DocumentType,
  MAX_BULK_DOCUMENTS,
  OUTBOX_STATUSES,
  type OutboxQuery,
  type OutboxStatus,
  type RescheduleSendRequest,
  type ScheduleSendRequest,
} from '@sendas/contracts';
import { PageQuery } from '../../common';
import { SendEmailDto } from '../../email';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const LOCAL_DATE_TIME_MESSAGE = 'sendAt must be a local date and time such as 2026-11-30T09:00 (no offset: the time zone says where)';

export class RescheduleSendDto implements RescheduleSendRequest {
  @ApiProperty({ example: '2026-11-30T09:00', description: 'Local date and time in timeZone' })
  @IsString()
  @Matches(LOCAL_DATE_TIME, { message: LOCAL_DATE_TIME_MESSAGE })
  sendAt: string;

  // Checked by the service, which answers TIME_ZONE_INVALID.
  @ApiProperty({ example: 'Asia/Bangkok', description: 'IANA time zone' })
  @IsString()
  timeZone: string;
}

export class ScheduleSendDto extends SendEmailDto implements ScheduleSendRequest {
  @ApiProperty({ example: '2026-11-30T09:00', description: 'Local date and time in timeZone, at most a year ahead' })
  @IsString()
  @Matches(LOCAL_DATE_TIME, { message: LOCAL_DATE_TIME_MESSAGE })
  sendAt: string;

  @ApiProperty({ example: 'Asia/Bangkok', description: "IANA time zone (the sender's, from their profile)" })
  @IsString()
  timeZone: string;
}

export class OutboxQueryDto extends PageQuery implements OutboxQuery {
  @ApiPropertyOptional({ enum: ['mine', 'all'], default: 'mine', description: "all: everyone's (admins and superusers)" })
  @IsOptional()
  @IsIn(['mine', 'all'])
  scope?: 'mine' | 'all';

  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  documentId?: string;
}

export class BulkSendInput implements BulkSendRequest {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'invoice' })
  @IsIn(DOCUMENT_TYPES)
  documentType: DocumentType;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_BULK_DOCUMENTS,
    description: `1 to ${MAX_BULK_DOCUMENTS} documents of that type; or leave it out and give status`,
  })
  @ValidateIf((input: BulkSendInput) => input.status === undefined || input.documentIds !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'documentIds must name at least one document' })
  @ArrayMaxSize(MAX_BULK_DOCUMENTS, { message: `documentIds may name at most ${MAX_BULK_DOCUMENTS} documents: split the run` })
  @IsUUID('all', { each: true, message: 'each of documentIds must be a document id (UUID)' })
  documentIds?: string[];

  @ApiPropertyOptional({
    enum: ALL_DOCUMENT_STATUSES,
    example: 'overdue',
    description: 'Instead of documentIds: every document of the type in this status that you may send (e.g. all overdue invoices)',
  })
  @IsOptional()
  @IsIn(ALL_DOCUMENT_STATUSES)
  status?: DocumentStatus;

  @ApiPropertyOptional({ enum: ['me', 'owner'], default: 'me', description: "owner: each document owner's mailbox (admins and superusers; send on behalf)" })
  @IsOptional()
  @IsIn(['me', 'owner'])
  sender?: 'me' | 'owner';

  @ApiPropertyOptional({
    enum: ALREADY_SENT_CHOICES,
    description: 'Documents sent before: skip leaves them out, include sends them again. Required when any was (BULK_ALREADY_SENT)',
  })
  @IsOptional()
  @IsIn(ALREADY_SENT_CHOICES)
  alreadySent?: AlreadySentChoice;
}
