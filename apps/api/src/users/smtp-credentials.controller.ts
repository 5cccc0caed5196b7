import { applyDecorators, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { LOGIN_THROTTLERS } from '../common/throttling';
import {
  AuditEventResponse,
  SmtpCredentialInput,
  SmtpCredentialResponse,
  SmtpVerifyInput,
  SmtpVerifyResponse,
  type SmtpVerifyResult,
} from './dto/smtp-credential.dto';
import { SmtpCredentialsService } from './smtp-credentials.service';
import type { User } from './user.entity';

const VERIFY_DOC = {
  summary: 'Test the mailbox: stored settings, or the settings in the body before saving',
  description:
    'Opens a real SMTP connection (TLS, AUTH) with short timeouts. An omitted password uses the stored one. ' +
    'Answers 200 with {ok:false, code, message} when the server refuses; testing the stored settings records the result.',
};

/** The shared contract of both verify routes: throttled per user, always 200 with {ok, code?, message}. */
const VerifyRoute = () =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(LOGIN_THROTTLERS),
    HttpCode(HttpStatus.OK),
    ApiOperation(VERIFY_DOC),
    ApiBody({ type: SmtpVerifyInput, required: false }),
    ApiOkResponse({ type: SmtpVerifyResponse }),
    ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' }),
  );

/** Mailbox credentials: `/users/me/smtp` for oneself, `/users/:id/smtp` for superusers. */
@ApiTags('smtp credentials')
@Controller('users')
export class SmtpCredentialsController {
  constructor(private readonly credentials: SmtpCredentialsService) {}

  @Get('me/smtp')
  @Auth()
  @ApiOkResponse({ type: SmtpCredentialResponse })
  @ApiNotFoundResponse({ description: 'SMTP_NOT_CONFIGURED' })
  getMine(@CurrentUser() user: User): Promise<SmtpCredentialResponse> {
    return this.credentials.get(user.id);
  }

  @Put('me/smtp')
  @Auth()
  @ApiOkResponse({ type: SmtpCredentialResponse })
  putMine(@CurrentUser() user: User, @Body() input: SmtpCredentialInput): Promise<SmtpCredentialResponse> {
    this.credentials.assertMayManageOwn(user);
    return this.credentials.put(user.id, input, user);
  }

  @Delete('me/smtp')
  @Auth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed: mail goes out through the company account again' })
  removeMine(@CurrentUser() user: User): Promise<void> {
    this.credentials.assertMayManageOwn(user);
    return this.credentials.remove(user.id, user);
  }

  @Post('me/smtp/verify')
  @Auth()
  @VerifyRoute()
  verifyMine(@CurrentUser() user: User, @Body() input: SmtpVerifyInput): Promise<SmtpVerifyResult> {
    this.credentials.assertMayManageOwn(user);
    return this.credentials.verify(user.id, input, user);
  }

  @Get(':id/smtp')
  @Auth('superuser')
  @ApiOkResponse({ type: SmtpCredentialResponse })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND or SMTP_NOT_CONFIGURED' })
  get(@Param('id', ParseIdPipe) id: string): Promise<SmtpCredentialResponse> {
    return this.credentials.get(id);
  }

  @Put(':id/smtp')
  @Auth('superuser')
  @ApiOkResponse({ type: SmtpCredentialResponse })
  put(
    @Param('id', ParseIdPipe) id: string,
    @Body() input: SmtpCredentialInput,
    @CurrentUser() actor: User,
  ): Promise<SmtpCredentialResponse> {
    return this.credentials.put(id, input, actor);
  }

  @Delete(':id/smtp')
  @Auth('superuser')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() actor: User): Promise<void> {
    return this.credentials.remove(id, actor);
  }

  @Post(':id/smtp/verify')
  @Auth('superuser')
  @VerifyRoute()
  verify(
    @Param('id', ParseIdPipe) id: string,
    @Body() input: SmtpVerifyInput,
    @CurrentUser() actor: User,
  ): Promise<SmtpVerifyResult> {
    return this.credentials.verify(id, input, actor);
  }

  @Get(':id/smtp/history')
  @Auth('superuser')
  @ApiOperation({ summary: 'Who changed or tested this mailbox, and when (never the password)' })
  @ApiOkResponse({ type: [AuditEventResponse] })
  history(@Param('id', ParseIdPipe) id: string): Promise<AuditEventResponse[]> {
    return this.credentials.history(id);
  }
}
