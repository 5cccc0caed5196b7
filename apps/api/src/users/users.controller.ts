import { Body, Controller, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type UserDirectoryEntry, type UserDto } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, ParseIdPipe, SessionOnly } from '../common';
import { OrganisationSettings } from '../organisation';
import { CreateUserDto, UpdateProfileDto, UpdateUserDto } from './dto/user-input.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly organisation: OrganisationSettings,
  ) {}

  @Patch('me')
  @Auth()
  @ApiOperation({ summary: 'Change your own name and email signature' })
  @ApiContractResponse('UserDto')
  @SessionOnly()
  async updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.users.describe(await this.users.updateProfile(user.id, dto));
  }

  @Get('directory')
  @Auth('admin', 'superuser')
  @ApiOperation({ summary: 'Active users by name, for choosing whom to send on behalf of' })
  @ApiContractResponse('UserDirectoryEntry', { isArray: true })
  directory(): Promise<UserDirectoryEntry[]> {
    return this.users.directory();
  }

  @Get()
  @Auth('superuser')
  @ApiOperation({ summary: 'Every user, active or not, by name' })
  @ApiContractResponse('UserDto', { isArray: true })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  @Auth('superuser')
  @ApiOperation({ summary: 'Create a user (they sign in with the password given here)' })
  @ApiContractResponse('UserDto', { status: HttpStatus.CREATED })
  @ApiErrors(ErrorCode.USER_EMAIL_TAKEN)
  @SessionOnly()
  async create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.describe(await this.users.create(dto, await this.organisation.timeZone()));
  }

  @Get(':id')
  @Auth('superuser')
  @ApiOperation({ summary: 'One user' })
  @ApiContractResponse('UserDto')
  @ApiErrors(ErrorCode.USER_NOT_FOUND)
  async get(@Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.describe(await this.users.get(id));
  }

  @Patch(':id')
  @Auth('superuser')
  @ApiOperation({ summary: 'Rename, change the role, deactivate, or reset the password (which signs them out everywhere)' })
  @ApiContractResponse('UserDto')
  @ApiErrors(ErrorCode.USER_NOT_FOUND, ErrorCode.USER_CANNOT_DEMOTE_SELF)
  @SessionOnly()
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser): Promise<UserDto> {
    return this.users.describe(await this.users.update(id, dto, actor));
  }
}
