import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { CookieOptions, Request, Response } from 'express';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { SMTP_VERIFY_THROTTLERS } from '../common/throttling';
import { UserResponse } from '../users/dto/user.dto';
import type { User } from '../users/user.entity';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';

/** The browser session's refresh token: never readable by scripts, sent only to the auth routes of this site. */
export const SESSION_COOKIE = 'sendas_session';
const sessionCookie: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth' };

const sessionToken = (request: Request): string | undefined => {
  const value: unknown = request.cookies?.[SESSION_COOKIE];
  return typeof value === 'string' && value ? value : undefined;
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle(SMTP_VERIFY_THROTTLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: LoginResponseDto,
    description: `The access token for the Authorization header; browsers also get the \`${SESSION_COOKIE}\` cookie (httpOnly) that renews it`,
  })
  @ApiUnauthorizedResponse({ description: 'AUTH_INVALID_CREDENTIALS or AUTH_USER_INACTIVE' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts for this account or address' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) response: Response): Promise<LoginResponseDto> {
    const signedIn = await this.auth.login(dto.email, dto.password);
    response.cookie(SESSION_COOKIE, signedIn.refreshToken, { ...sessionCookie, maxAge: this.auth.sessionMaxAgeMs });
    return signedIn.response;
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({ type: LoginResponseDto, description: 'A fresh access token for the browser session in the cookie' })
  @ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED, AUTH_SESSION_ENDED, AUTH_SESSION_REVOKED or AUTH_USER_INACTIVE' })
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResponseDto> {
    const token = sessionToken(request);
    const renewed = await this.auth.renew(token);
    response.cookie(SESSION_COOKIE, token, { ...sessionCookie, maxAge: this.auth.sessionMaxAgeMs });
    return renewed;
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The browser session is ended and its cookie cleared' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(sessionToken(request));
    response.clearCookie(SESSION_COOKIE, sessionCookie);
  }

  @Get('me')
  @Auth()
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: User): UserResponse {
    return this.auth.describe(user);
  }
}
