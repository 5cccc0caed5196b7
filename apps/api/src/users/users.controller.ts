import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { UserDirectoryEntry } from '@sendas/contracts';
import { Auth } from '../common/decorators/auth.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { CreateUserDto, UpdateProfileDto, UpdateUserDto } from './dto/user-input.dto';
import { UserResponse } from './dto/user.dto';
import type { User } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Patch('me')
  @Auth()
  @ApiOkResponse({ type: UserResponse, description: 'Your own name and email signature' })
  async updateMe(@CurrentUser() user: User, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.users.describe(await this.users.updateProfile(user, dto));
  }

  @Get('directory')
  @Auth('admin', 'superuser')
  @ApiOkResponse({ description: 'Active users by name, for choosing whom to send on behalf of' })
  directory(): Promise<UserDirectoryEntry[]> {
    return this.users.directory();
  }

  @Get()
  @Auth('superuser')
  @ApiOkResponse({ type: [UserResponse] })
  list(): Promise<UserResponse[]> {
    return this.users.list();
  }

  @Post()
  @Auth('superuser')
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'USER_EMAIL_TAKEN' })
  async create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.describe(await this.users.create(dto));
  }

  @Get(':id')
  @Auth('superuser')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND' })
  async get(@Param('id', ParseIdPipe) id: string): Promise<UserResponse> {
    return this.users.describe(await this.users.get(id));
  }

  @Patch(':id')
  @Auth('superuser')
  @ApiOkResponse({ type: UserResponse, description: 'Rename, change role, deactivate or reset the password' })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'USER_CANNOT_DEMOTE_SELF' })
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: User,
  ): Promise<UserResponse> {
    return this.users.describe(await this.users.update(id, dto, actor));
  }
}
