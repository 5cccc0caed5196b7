import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@sendas/contracts';

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
