import { applyDecorators, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, UseGuards } from '@nestjs/common';
import { OAUTH_PROVIDERS } from '@sendas/contracts';
import {
  ApiBody,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { LOGIN_THROTTLERS } from '../common/throttling';
import type { User } from '../users/user.entity';
import {
  AuditEventResponse,
  OAuthCallbackInput,
  OAuthProvidersResponse,
  OAuthStartResponse,
  SmtpCredentialInput,
  SmtpCredentialResponse,
  SmtpSummaryResponse,
  SmtpVerifyInput,
  SmtpVerifyResponse,
  type SmtpVerifyResult,
} from './dto/mailbox.dto';
import { MailboxSettings } from './mailbox-settings.service';
import { MailboxOAuth } from './oauth/mailbox-oauth.service';

class OAuthStartInput {
  @ApiPropertyOptional({ description: "A superuser's connect link for you (the `invite` of its URL)" })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  invite?: string;
}

class ConnectLinkResponse {
  @ApiProperty({ example: 'https://sendas.example.com/settings/mailbox?connect=google&invite=...' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

const PROVIDER_PARAM = ApiParam({ name: 'provider', enum: OAUTH_PROVIDERS });

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

/** Every mailbox at a glance, and which "Connect with ..." buttons to show. */
@ApiTags('mailboxes')
@Controller('mailboxes')
export class MailboxesController {
  constructor(
    private readonly credentials: MailboxSettings,
    private readonly oauth: MailboxOAuth,
  ) {}

  @Get()
  @Auth('superuser')
  @ApiOperation({ summary: "Every user's mailbox: kind, status, From address, last error (users without one are absent)" })
  @ApiOkResponse({ type: [SmtpSummaryResponse] })
  list(): Promise<SmtpSummaryResponse[]> {
    return this.credentials.summaries();
  }

  @Get('oauth/providers')
  @Auth()
  @ApiOperation({ summary: 'The providers mailboxes can connect with here (those with a client id and secret configured)' })
  @ApiOkResponse({ type: OAuthProvidersResponse })
  providers(): OAuthProvidersResponse {
    return { providers: this.oauth.providers() };
  }
}

/** A user's mailbox: `/users/me/smtp` for oneself, `/users/:id/smtp` for superusers. */
@ApiTags('mailboxes')
@Controller('users')
export class UserMailboxController {
  constructor(
    private readonly credentials: MailboxSettings,
    private readonly oauth: MailboxOAuth,
  ) {}

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

  @Post('me/smtp/oauth/callback')
  @Auth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Finish "Connect with ...": the state, code or error the provider put on the redirect URL',
    description: 'The state must be the one this user started, unused and under ten minutes old; the account must be the owner\'s.',
  })
  @ApiOkResponse({ type: SmtpCredentialResponse })
  completeConnect(@CurrentUser() user: User, @Body() input: OAuthCallbackInput): Promise<SmtpCredentialResponse> {
    return this.oauth.complete(user, input);
  }

  @Post('me/smtp/oauth/:provider')
  @Auth()
  @HttpCode(HttpStatus.OK)
  @PROVIDER_PARAM
  @ApiOperation({ summary: 'Start "Connect with Google / Microsoft" for your own mailbox: returns the consent page to open' })
  @ApiOkResponse({ type: OAuthStartResponse })
  @ApiNotFoundResponse({ description: 'OAUTH_NOT_CONFIGURED' })
  async startConnect(
    @CurrentUser() user: User,
    @Param('provider') provider: string,
    @Body() input: OAuthStartInput,
  ): Promise<OAuthStartResponse> {
    return { authorizationUrl: await this.oauth.start(user, provider, input.invite) };
  }

  @Post(':id/smtp/oauth/:provider/link')
  @Auth('superuser')
  @HttpCode(HttpStatus.OK)
  @PROVIDER_PARAM
  @ApiOperation({ summary: 'A link for the user to connect their own mailbox (their consent cannot be given for them)' })
  @ApiOkResponse({ type: ConnectLinkResponse })
  connectLink(@Param('id', ParseIdPipe) id: string, @Param('provider') provider: string, @CurrentUser() actor: User): Promise<ConnectLinkResponse> {
    return this.oauth.inviteLink(id, provider, actor);
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
