import { applyDecorators, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import {
  ErrorCode,
  type MailboxAuditEvent,
  type OAuthConnectLinkDto,
  OAUTH_PROVIDERS,
  type OAuthProvidersDto,
  type OAuthStartDto,
  type MailboxDto,
  type MailboxSummary,
  type SmtpVerifyResult,
} from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, LOGIN_THROTTLERS, ParseIdPipe, SessionOnly } from '../common';
import { OAuthCallbackInput, MailboxInput, SmtpVerifyInput } from './dto/mailbox.dto';
import { MailboxSettings } from './mailbox-settings.service';
import { MailboxVerification } from './mailbox-verification';
import { MailboxOAuth } from './oauth/mailbox-oauth.service';

class OAuthStartInput {
  @ApiPropertyOptional({ description: "A superuser's connect link for you (the `invite` of its URL)" })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  invite?: string;
}

const PROVIDER_PARAM = ApiParam({ name: 'provider', enum: OAUTH_PROVIDERS });

/** The shared contract of both verify routes: throttled per user, always 200 with {ok, code?, message}. */
const VerifyRoute = () =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(LOGIN_THROTTLERS),
    HttpCode(HttpStatus.OK),
    ApiOperation({
      summary: 'Test the mailbox: stored settings, or the settings in the body before saving',
      description:
        'Opens a real SMTP connection (TLS, AUTH or XOAUTH2) with short timeouts. An omitted password uses the stored one. ' +
        'Answers 200 with {ok:false, code, message} when the server refuses; testing the stored settings records the result.',
    }),
    ApiBody({ type: SmtpVerifyInput, required: false }),
    ApiContractResponse('SmtpVerifyResult'),
    ApiErrors(
      ErrorCode.RATE_LIMITED,
      ErrorCode.SMTP_NOT_CONFIGURED,
      ErrorCode.SMTP_PASSWORD_REQUIRED,
      ErrorCode.SMTP_HOST_NOT_ALLOWED,
      ErrorCode.SMTP_FROM_NOT_ALLOWED,
    ),
  );

const MAILBOX_INPUT_ERRORS = [ErrorCode.SMTP_PASSWORD_REQUIRED, ErrorCode.SMTP_HOST_NOT_ALLOWED, ErrorCode.SMTP_FROM_NOT_ALLOWED] as const;

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
  @ApiContractResponse('MailboxSummary', { isArray: true })
  list(): Promise<MailboxSummary[]> {
    return this.credentials.summaries();
  }

  @Get('oauth/providers')
  @Auth()
  @ApiOperation({ summary: 'The providers mailboxes can connect with here (those with a client id and secret configured)' })
  @ApiContractResponse('OAuthProvidersDto')
  providers(): OAuthProvidersDto {
    return { providers: this.oauth.providers() };
  }
}

/** A user's mailbox: `/users/me/smtp` for oneself, `/users/:id/smtp` for superusers. */
@ApiTags('mailboxes')
@Controller('users')
export class UserMailboxController {
  constructor(
    private readonly credentials: MailboxSettings,
    private readonly verification: MailboxVerification,
    private readonly oauth: MailboxOAuth,
  ) {}

  @Get('me/smtp')
  @Auth()
  @ApiOperation({ summary: 'Your mailbox: how it signs in, its server, its state and what it sent today (never a secret)' })
  @ApiContractResponse('MailboxDto')
  @ApiErrors(ErrorCode.SMTP_NOT_CONFIGURED)
  getMine(@CurrentUser() user: AuthUser): Promise<MailboxDto> {
    return this.credentials.get(user.id);
  }

  @Put('me/smtp')
  @Auth()
  @ApiOperation({ summary: 'Set up or change your mailbox with an app password (presets fill the server for Gmail and Microsoft 365)' })
  @ApiContractResponse('MailboxDto')
  @ApiErrors(ErrorCode.SMTP_SELF_SERVICE_DISABLED, ...MAILBOX_INPUT_ERRORS)
  @SessionOnly()
  putMine(@CurrentUser() user: AuthUser, @Body() input: MailboxInput): Promise<MailboxDto> {
    this.credentials.assertMayManageOwn(user);
    return this.credentials.put(user.id, input, user);
  }

  @Delete('me/smtp')
  @Auth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove your mailbox: mail goes out through the company account again' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(ErrorCode.SMTP_SELF_SERVICE_DISABLED, ErrorCode.SMTP_NOT_CONFIGURED)
  @SessionOnly()
  removeMine(@CurrentUser() user: AuthUser): Promise<void> {
    this.credentials.assertMayManageOwn(user);
    return this.credentials.remove(user.id, user);
  }

  @Post('me/smtp/verify')
  @Auth()
  @VerifyRoute()
  @ApiErrors(ErrorCode.SMTP_SELF_SERVICE_DISABLED)
  @SessionOnly()
  verifyMine(@CurrentUser() user: AuthUser, @Body() input: SmtpVerifyInput): Promise<SmtpVerifyResult> {
    this.credentials.assertMayManageOwn(user);
    return this.verification.verify(user.id, input, user);
  }

  @Post('me/smtp/oauth/callback')
  @Auth()
  @SessionOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Finish "Connect with ...": the state, code or error the provider put on the redirect URL',
    description: "The state must be the one this user started, unused and under ten minutes old; the account must be the owner's.",
  })
  @ApiContractResponse('MailboxDto')
  @ApiErrors(
    ErrorCode.OAUTH_STATE_INVALID,
    ErrorCode.OAUTH_CONSENT_DENIED,
    ErrorCode.OAUTH_EXCHANGE_FAILED,
    ErrorCode.OAUTH_ACCOUNT_MISMATCH,
    ErrorCode.OAUTH_NOT_CONFIGURED,
  )
  completeConnect(@CurrentUser() user: AuthUser, @Body() input: OAuthCallbackInput): Promise<MailboxDto> {
    return this.oauth.complete(user, input);
  }

  @Post('me/smtp/oauth/:provider')
  @Auth()
  @HttpCode(HttpStatus.OK)
  @PROVIDER_PARAM
  @ApiOperation({ summary: 'Start "Connect with Google / Microsoft" for your own mailbox: returns the consent page to open' })
  @ApiContractResponse('OAuthStartDto')
  @ApiErrors(ErrorCode.OAUTH_NOT_CONFIGURED, ErrorCode.SMTP_SELF_SERVICE_DISABLED, ErrorCode.OAUTH_EXCHANGE_FAILED)
  @SessionOnly()
  async startConnect(@CurrentUser() user: AuthUser, @Param('provider') provider: string, @Body() input: OAuthStartInput): Promise<OAuthStartDto> {
    return { authorizationUrl: await this.oauth.start(user, provider, input.invite) };
  }

  @Post(':id/smtp/oauth/:provider/link')
  @Auth('superuser')
  @HttpCode(HttpStatus.OK)
  @PROVIDER_PARAM
  @ApiOperation({ summary: 'A link for the user to connect their own mailbox (their consent cannot be given for them)' })
  @ApiContractResponse('OAuthConnectLinkDto')
  @ApiErrors(ErrorCode.USER_NOT_FOUND, ErrorCode.OAUTH_NOT_CONFIGURED)
  @SessionOnly()
  connectLink(@Param('id', ParseIdPipe) id: string, @Param('provider') provider: string, @CurrentUser() actor: AuthUser): Promise<OAuthConnectLinkDto> {
    return this.oauth.inviteLink(id, provider, actor);
  }

  @Get(':id/smtp')
  @Auth('superuser')
  @ApiOperation({ summary: "A user's mailbox" })
  @ApiContractResponse('MailboxDto')
  @ApiErrors(ErrorCode.USER_NOT_FOUND, ErrorCode.SMTP_NOT_CONFIGURED)
  get(@Param('id', ParseIdPipe) id: string): Promise<MailboxDto> {
    return this.credentials.get(id);
  }

  @Put(':id/smtp')
  @Auth('superuser')
  @ApiOperation({ summary: "Set up or change a user's mailbox with an app password (a superuser may set another From address)" })
  @ApiContractResponse('MailboxDto')
  @ApiErrors(ErrorCode.USER_NOT_FOUND, ...MAILBOX_INPUT_ERRORS)
  @SessionOnly()
  put(@Param('id', ParseIdPipe) id: string, @Body() input: MailboxInput, @CurrentUser() actor: AuthUser): Promise<MailboxDto> {
    return this.credentials.put(id, input, actor);
  }

  @Delete(':id/smtp')
  @Auth('superuser')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Remove a user's mailbox" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(ErrorCode.USER_NOT_FOUND, ErrorCode.SMTP_NOT_CONFIGURED)
  @SessionOnly()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    return this.credentials.remove(id, actor);
  }

  @Post(':id/smtp/verify')
  @Auth('superuser')
  @VerifyRoute()
  @ApiErrors(ErrorCode.USER_NOT_FOUND)
  @SessionOnly()
  verify(@Param('id', ParseIdPipe) id: string, @Body() input: SmtpVerifyInput, @CurrentUser() actor: AuthUser): Promise<SmtpVerifyResult> {
    return this.verification.verify(id, input, actor);
  }

  @Get(':id/smtp/history')
  @Auth('superuser')
  @ApiOperation({ summary: 'Who changed, connected or tested this mailbox, and when (never a secret)' })
  @ApiContractResponse('MailboxAuditEvent', { isArray: true })
  @ApiErrors(ErrorCode.USER_NOT_FOUND)
  history(@Param('id', ParseIdPipe) id: string): Promise<MailboxAuditEvent[]> {
    return this.credentials.history(id);
  }
}
