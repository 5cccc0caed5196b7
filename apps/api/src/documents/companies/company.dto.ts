import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsISO31661Alpha2, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import {
  COMPANY_SORTS,
  type CompanyListQuery,
  CONTACT_LANGUAGES,
  type ContactLanguage,
  type CreateCompanyRequest,
  type CreateContactRequest,
  type UpdateCompanyRequest,
  type UpdateContactRequest,
} from '@sendas/contracts';
import { PageQuery, queryFlag, trim } from '../../common';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CreateCompanyDto implements CreateCompanyRequest {
  @ApiProperty({ example: 'Siam Hotels Group' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '99 Sukhumvit Road\nBangkok 10110' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  billingAddress?: string;

  @ApiProperty({ example: 'TH', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be a two-letter ISO country code such as TH' })
  country: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the creating sales user' })
  @IsOptional()
  @IsUUID('all')
  accountManagerId?: string;
}

export class CompanyListQueryDto extends PageQuery implements CompanyListQuery {
  @ApiPropertyOptional({ enum: COMPANY_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(COMPANY_SORTS)
  sort: (typeof COMPANY_SORTS)[number] = 'name';

  @ApiPropertyOptional({ description: 'Only the companies you manage' })
  @IsOptional()
  @Transform(queryFlag)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'The archived companies instead of the active ones' })
  @IsOptional()
  @Transform(queryFlag)
  @IsBoolean()
  archived?: boolean;
}

export class UpdateCompanyDto implements UpdateCompanyRequest {
  @ApiPropertyOptional({ example: 'Siam Hotels Group' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  billingAddress?: string;

  @ApiPropertyOptional({ example: 'TH' })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2({ message: 'country must be a two-letter ISO country code such as TH' })
  country?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null: nobody manages it; sales may only keep themselves' })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsUUID('all')
  accountManagerId?: string | null;

  @ApiPropertyOptional({ description: 'Archive (true) or restore (false)' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class CreateContactDto implements CreateContactRequest {
  @ApiProperty({ example: 'Somchai Jaidee' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiPropertyOptional({ example: 'Khun Somchai', description: 'How emails address them; empty: by the full name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  greetingName?: string;

  @ApiPropertyOptional({ enum: CONTACT_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(CONTACT_LANGUAGES)
  language?: ContactLanguage;

  @ApiProperty({ example: 'somchai@siamhotels.example' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Purchasing Manager' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  title?: string;

  @ApiPropertyOptional({ description: "Preselected for quotes and contracts; replaces the company's previous primary contact" })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiPropertyOptional({ description: 'Preselected for invoices' })
  @IsOptional()
  @IsBoolean()
  isBilling?: boolean;
}

export class UpdateContactDto extends PartialType(CreateContactDto) implements UpdateContactRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
