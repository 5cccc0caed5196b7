import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  type CopyDocumentRequest,
  type CreateDocumentRequest,
  DOCUMENT_TYPES,
  type DocumentType,
  type DocumentStatus,
  DOCUMENT_SORTS,
  ALL_DOCUMENT_STATUSES,
  type LineItemInput,
  MAX_LINE_ITEMS,
  type UpdateDocumentRequest,
} from '@sendas/contracts';
import { isDecimal } from '@sendas/contracts/money';
import { PageQuery, trim } from '../../common';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** A decimal (string or number) with at most `scale` places, within [min, max]. */
function IsAmount(scale: number, min: number, max: number, exclusiveMin = false, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isAmount',
      validator: {
        validate: (value) => isDecimal(value, scale) && (exclusiveMin ? Number(value) > min : Number(value) >= min) && Number(value) <= max,
        defaultMessage: (args) =>
          `${args?.property} must be a number ${exclusiveMin ? 'greater than' : 'at least'} ${min} and at most ${max}, with up to ${scale} decimals`,
      },
    },
    options,
  );
}

const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrency',
    validator: {
      validate: (value) => typeof value === 'string' && CURRENCIES.has(value),
      defaultMessage: () => 'currency must be an ISO 4217 code such as THB, USD or EUR',
    },
  });

const IsoDate = () => IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a date like 2026-11-26' });

export class LineItemDto implements LineItemInput {
  @ApiProperty({ example: 'Background music licence, 12 months' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  description: string;

  @ApiProperty({ example: '3', description: 'Greater than 0, up to 3 decimals' })
  @IsAmount(3, 0, 1_000_000_000, true)
  quantity: string | number;

  @ApiProperty({ example: '19.99', description: "At least 0, with at most the currency's decimals (2; none for JPY, KRW, …)" })
  @IsAmount(2, 0, 999_999_999_999)
  unitPrice: string | number;

  @ApiPropertyOptional({ example: '10', description: 'Percent off this line, 0 to 100, up to 2 decimals (default 0)' })
  @IsOptional()
  @IsAmount(2, 0, 100)
  discountPercent?: string | number;

  @ApiProperty({ example: '7', description: 'Percent, 0 to 100' })
  @IsAmount(2, 0, 100)
  taxRate: string | number;
}

const DATE_HINT = 'YYYY-MM-DD';

export class DocumentFieldsDto {
  @ApiPropertyOptional({ example: '2026-11-26', description: `${DATE_HINT}; defaults to today` })
  @IsOptional()
  @IsoDate()
  issueDate?: string;

  @ApiPropertyOptional({ example: '2026-12-26', description: `Quotes only (${DATE_HINT}); defaults to 30 days after issue` })
  @IsOptional()
  @IsoDate()
  validUntil?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: `Contracts only (${DATE_HINT}); defaults to the issue date` })
  @IsOptional()
  @IsoDate()
  startDate?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: `Contracts only (${DATE_HINT}); defaults to a year after the start` })
  @IsOptional()
  @IsoDate()
  endDate?: string;

  @ApiPropertyOptional({ example: '2026-12-26', description: `Invoices only (${DATE_HINT}); defaults to 30 days after issue` })
  @IsOptional()
  @IsoDate()
  dueDate?: string;

  @ApiPropertyOptional({ example: 'Payment by bank transfer within 30 days.', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class CreateDocumentDto extends DocumentFieldsDto implements CreateDocumentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  companyId: string;

  @ApiProperty({ example: 'THB', description: 'ISO 4217 code' })
  @IsCurrency()
  currency: string;

  @ApiProperty({ type: [LineItemDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINE_ITEMS)
  @Type(() => LineItemDto)
  lines: LineItemDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins and superusers only: create it for this user' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

export class UpdateDocumentDto extends DocumentFieldsDto implements UpdateDocumentRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Drafts only' })
  @IsOptional()
  @IsUUID('all')
  companyId?: string;

  @ApiPropertyOptional({ example: 'THB', description: 'ISO 4217 code; drafts only' })
  @IsOptional()
  @IsCurrency()
  currency?: string;

  @ApiPropertyOptional({ type: [LineItemDto], description: 'Replaces all line items; drafts only' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINE_ITEMS)
  @Type(() => LineItemDto)
  lines?: LineItemDto[];

  @ApiPropertyOptional({ enum: ALL_DOCUMENT_STATUSES, example: 'sent', description: 'Moves along the allowed transitions, e.g. draft → sent → accepted' })
  @IsOptional()
  @IsString()
  status?: UpdateDocumentRequest['status'];
}

const SORTS = DOCUMENT_SORTS.flatMap((field) => [field, `-${field}`]);

export class DocumentListQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: SORTS, default: '-date' })
  @IsOptional()
  @IsIn(SORTS)
  sort: string = '-date';

  @ApiPropertyOptional({ enum: ALL_DOCUMENT_STATUSES, example: 'sent', description: "One of the document type's statuses; another lists nothing" })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{1,16}$/)
  status?: DocumentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  companyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

export class CopyDocumentDto implements CopyDocumentRequest {
  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, description: 'The type of the new document; a quote may become an invoice or a contract' })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  as?: DocumentType;
}
