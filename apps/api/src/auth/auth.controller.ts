import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { SMTP_VERIFY_THROTTLERS } from '../common/throttling';
import { UserResponse } from '../users/dto/user.dto';
import type { User } from '../users/user.entity';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle(SMTP_VERIFY_THROTTLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'AUTH_INVALID_CREDENTIALS or AUTH_USER_INACTIVE' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many attempts for this account or address' })
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('refresh')
  @Auth()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LoginResponseDto, description: 'A fresh token for a still-valid session' })
  refresh(@CurrentUser() user: User): Promise<LoginResponseDto> {
    return this.auth.issueToken(user);
  }

  @Get('me')
  @Auth()
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: User): Promise<UserResponse> {
    return this.auth.describe(user);
  }
}
