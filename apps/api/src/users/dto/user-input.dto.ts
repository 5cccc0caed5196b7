import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsTimeZone, Length, Matches, MaxLength, MinLength } from 'class-validator';
import {
  type CreateUserRequest,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type Role,
  SIGNATURE_MAX_LENGTH,
  type UpdateProfileRequest,
  type UpdateUserRequest,
} from '@sendas/contracts';
import { IsDisplayName, trim } from '../../common';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ example: 'Pom Suwan', maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsDisplayName()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ example: 'Pom\nSales, BMAsia Music\n+66 2 000 0000', maxLength: SIGNATURE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(SIGNATURE_MAX_LENGTH)
  signature?: string;

  @ApiPropertyOptional({ example: 'Asia/Bangkok', description: 'IANA time zone; scheduled sends are set in it' })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Bangkok' })
  timeZone?: string;

  @ApiPropertyOptional({ example: '+66 2 000 0000', maxLength: 40, description: 'Printed on the PDFs of your documents; empty removes it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  @Matches(/^[+0-9 ()./-]*$/, { message: 'phone may hold only digits, spaces, +, -, ( ) and dots' })
  phone?: string;
}

export class UpdateUserDto extends UpdateProfileDto implements UpdateUserRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the user: they cannot sign in and their tokens stop working' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Resets the password and signs the user out of every session', minLength: PASSWORD_MIN_LENGTH, writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password?: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'keith@bmasiamusic.com' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Keith', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @IsDisplayName()
  @Length(1, 120)
  name: string;

  @ApiProperty({ enum: ROLES, example: 'sales' })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, writeOnly: true })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ maxLength: SIGNATURE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(SIGNATURE_MAX_LENGTH)
  signature?: string;
}
