import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, type UserDto } from '@sendas/contracts';
import type { User } from '../user.entity';

export class UserResponse implements UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'pom@bmasiamusic.com' }) email: string;
  @ApiProperty({ example: 'Pom' }) name: string;
  @ApiProperty({ enum: ROLES, example: 'sales' }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 'Pom\nSales, BMAsia Music' }) signature: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(user: User): UserResponse {
    return Object.assign(new UserResponse(), {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active,
      signature: user.signature,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    });
  }
}
