import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { API_KEY_NAME_MAX_LENGTH, type CreateApiKeyRequest } from '@sendas/contracts';
import { trim } from '../common';

export class CreateApiKeyInput implements CreateApiKeyRequest {
  @ApiProperty({
    example: 'ERP month-end run',
    maxLength: API_KEY_NAME_MAX_LENGTH,
    description: 'What the key is for; shown in the audit of every send made with it',
  })
  @Transform(trim)
  @IsString()
  @Length(1, API_KEY_NAME_MAX_LENGTH, { message: `name must be 1 to ${API_KEY_NAME_MAX_LENGTH} characters` })
  name: string;
}
