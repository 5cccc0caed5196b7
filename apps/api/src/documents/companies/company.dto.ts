import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsISO31661Alpha2, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type { CreateCompanyRequest, CreateContactRequest, UpdateContactRequest } from '@sendas/contracts';
import { trim } from '../../common/transforms';

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

export class CreateContactDto implements CreateContactRequest {
  @ApiProperty({ example: 'Somchai Jaidee' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

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

  @ApiPropertyOptional({ description: 'Preselected for quotes and contracts' })
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
