import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ApiKeyDto, type CreatedApiKeyDto, ErrorCode } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, ParseIdPipe, SessionOnly } from '../common';
import { CreateApiKeyInput } from './api-key.dto';
import { ApiKeys } from './api-keys.service';

/** One's own keys under /users/me/api-keys; everyone's for superusers under /api-keys. */
@ApiTags('api-keys')
@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeys) {}

  @Post('users/me/api-keys')
  @Auth()
  @ApiOperation({ summary: 'Create an API key for yourself: the answer holds the key, shown this once' })
  @ApiContractResponse('CreatedApiKeyDto', { status: HttpStatus.CREATED })
  @ApiErrors(ErrorCode.API_KEY_LIMIT_REACHED)
  @SessionOnly()
  create(@CurrentUser() user: AuthUser, @Body() input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
    return this.keys.create(user, input.name);
  }

  @Get('users/me/api-keys')
  @Auth()
  @ApiOperation({ summary: 'Your active API keys (never the keys themselves)' })
  @ApiContractResponse('ApiKeyDto', { isArray: true })
  @SessionOnly()
  listMine(@CurrentUser() user: AuthUser): Promise<ApiKeyDto[]> {
    return this.keys.list(user.id);
  }

  @Delete('users/me/api-keys/:id')
  @Auth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke one of your API keys: it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(ErrorCode.API_KEY_NOT_FOUND)
  @SessionOnly()
  revokeMine(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.keys.revoke(id, user, user.id);
  }

  @Get('api-keys')
  @Auth('superuser')
  @ApiOperation({ summary: "Every user's active API keys" })
  @ApiContractResponse('ApiKeyDto', { isArray: true })
  @SessionOnly()
  listAll(): Promise<ApiKeyDto[]> {
    return this.keys.list();
  }

  @Delete('api-keys/:id')
  @Auth('superuser')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Revoke anyone's API key" })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(ErrorCode.API_KEY_NOT_FOUND)
  @SessionOnly()
  revoke(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.keys.revoke(id, actor);
  }
}
