import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { API_KEY_NAME_MAX_LENGTH, type ApiKeyDto, type CreateApiKeyRequest, type CreatedApiKeyDto } from '@sendas/contracts';
import { trim } from '../common/transforms';

export class CreateApiKeyInput implements CreateApiKeyRequest {
  @ApiProperty({ example: 'ERP month-end run', maxLength: API_KEY_NAME_MAX_LENGTH, description: 'What the key is for; shown in the audit of every send made with it' })
  @Transform(trim)
  @IsString()
  @Length(1, API_KEY_NAME_MAX_LENGTH, { message: `name must be 1 to ${API_KEY_NAME_MAX_LENGTH} characters` })
  name: string;
}

class ApiKeyOwner {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Nikki' }) name: string;
  @ApiProperty({ example: 'nikki.h@bmasiamusic.com' }) email: string;
}

export class ApiKeyResponse implements ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ERP month-end run' }) name: string;
  @ApiProperty({ example: 'sk_Xb3kQ9aZ', description: 'The start of the key, to tell keys apart' }) prefix: string;
  @ApiProperty({ type: ApiKeyOwner }) owner: ApiKeyOwner;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse implements CreatedApiKeyDto {
  @ApiProperty({ example: 'sk_Xb3kQ9aZ...', description: 'The key: shown this once, never again (only its hash is stored)' })
  secret: string;
}
