import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { type ChangePasswordRequest, type ForgotPasswordRequest, type LoginRequest, PASSWORD_MIN_LENGTH, type ResetPasswordRequest } from '@sendas/contracts';

/** A new password (changed, or set with a reset link): one length rule for every way of choosing one. */
const NewPassword = () =>
  applyDecorators(
    ApiProperty({ example: 'a new long passphrase', minLength: PASSWORD_MIN_LENGTH, writeOnly: true }),
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters` }),
    MaxLength(200),
  );

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'pom@bmasiamusic.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'your password', writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ example: 'your current password', writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @NewPassword()
  newPassword: string;
}

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @ApiProperty({ example: 'pom@bmasiamusic.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({ description: 'The token from the mailed link (after `#token=`)', example: 'hP2v…', writeOnly: true })
  @IsString()
  @Matches(/^[\w-]{20,100}$/, { message: 'token must be the code from the link in the mail, copied whole' })
  token: string;

  @NewPassword()
  newPassword: string;
}
