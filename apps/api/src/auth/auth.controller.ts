import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type ForgotPasswordResponse, type LoginResponse, type UserDto } from '@sendas/contracts';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, LOGIN_THROTTLERS, Public, SessionOnly, SMTP_VERIFY_THROTTLERS } from '../common';
import { AuthService } from './auth.service';
import { ChangePasswordDto, ForgotPasswordDto, LoginDto, ResetPasswordDto } from './dto/login.dto';
import { PasswordResets, RESET_LINK_VALID_MINUTES } from './password-resets.service';

/** The browser session's refresh token: never readable by scripts, sent only to the auth routes of this site. */
export const SESSION_COOKIE = 'sendas_session';
const sessionCookie: CookieSerializeOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth' };

const sessionToken = (request: FastifyRequest): string | undefined => {
  const value: unknown = request.cookies?.[SESSION_COOKIE];
  return typeof value === 'string' && value ? value : undefined;
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordResets: PasswordResets,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle(SMTP_VERIFY_THROTTLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description: `Browsers also get the \`${SESSION_COOKIE}\` cookie (httpOnly) that renews the access token.`,
  })
  @ApiContractResponse('LoginResponse', { description: 'The access token for the Authorization header, and who you are' })
  @ApiErrors(ErrorCode.AUTH_INVALID_CREDENTIALS, ErrorCode.AUTH_USER_INACTIVE, ErrorCode.RATE_LIMITED)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    const signedIn = await this.auth.login(dto.email, dto.password);
    reply.setCookie(SESSION_COOKIE, signedIn.refreshToken, { ...sessionCookie, maxAge: this.auth.sessionMaxAgeSeconds });
    return signedIn.response;
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'A fresh access token for the browser session in the cookie (browsers only)' })
  @ApiContractResponse('LoginResponse')
  @ApiErrors(ErrorCode.AUTH_REQUIRED, ErrorCode.AUTH_SESSION_ENDED, ErrorCode.AUTH_SESSION_REVOKED, ErrorCode.AUTH_USER_INACTIVE)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    const renewed = await this.auth.renew(sessionToken(request));
    // rotated; or renewed with the token another tab just replaced: that tab's answer set the cookie
    if (renewed.refreshToken) reply.setCookie(SESSION_COOKIE, renewed.refreshToken, { ...sessionCookie, maxAge: this.auth.sessionMaxAgeSeconds });
    return renewed.response;
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: the browser session ends and its cookie is cleared' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(sessionToken(request));
    reply.clearCookie(SESSION_COOKIE, sessionCookie);
  }

  @Post('password')
  @Auth()
  @SessionOnly()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle(LOGIN_THROTTLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Change your own password (the current one is needed)',
    description: 'Every other session and every API key of yours stops working; this browser gets a new session cookie and the answer a new token.',
  })
  @ApiContractResponse('LoginResponse')
  @ApiErrors(ErrorCode.PASSWORD_INCORRECT, ErrorCode.RATE_LIMITED)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    const signedIn = await this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
    reply.setCookie(SESSION_COOKIE, signedIn.refreshToken, { ...sessionCookie, maxAge: this.auth.sessionMaxAgeSeconds });
    return signedIn.response;
  }

  @Post('password-reset')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle(SMTP_VERIFY_THROTTLERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Forgot password: mail a one-time link to set a new one',
    description: `The same answer whether or not the email belongs to an account. An active account gets a link through the company mail account that works once, for ${RESET_LINK_VALID_MINUTES} minutes (at most one mail a minute).`,
  })
  @ApiContractResponse('ForgotPasswordResponse', { status: HttpStatus.ACCEPTED })
  @ApiErrors(ErrorCode.PASSWORD_RESET_UNAVAILABLE, ErrorCode.RATE_LIMITED)
  forgotPassword(@Body() dto: ForgotPasswordDto): ForgotPasswordResponse {
    return this.passwordResets.request(dto.email);
  }

  @Post('password-reset/complete')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ 'login-account': true, ...SMTP_VERIFY_THROTTLERS })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with the token from a reset link',
    description: 'Every session and API key of the account stops working; sign in with the new password.',
  })
  @ApiNoContentResponse({ description: 'The new password is set' })
  @ApiErrors(ErrorCode.PASSWORD_RESET_LINK_INVALID, ErrorCode.RATE_LIMITED)
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.passwordResets.complete(dto.token, dto.newPassword);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'Who you are (the user behind the token or API key)' })
  @ApiContractResponse('UserDto')
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.profile(user);
  }
}
