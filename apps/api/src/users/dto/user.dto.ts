import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, SMTP_STATUSES, type SmtpStatus, type SmtpSummary, type UserDto } from '@sendas/contracts';
import type { SmtpCredential } from '../smtp-credential.entity';
import type { User } from '../user.entity';

export function smtpStatus(credential: SmtpCredential | null): SmtpStatus {
  if (!credential) return 'not_configured';
  if (credential.lastErrorCode) return 'failing';
  return credential.verifiedAt ? 'verified' : 'configured';
}

class SmtpLastErrorSummary {
  @ApiProperty({ example: 'SMTP_AUTH_FAILED' }) code: string;
  @ApiProperty() message: string;
}

export class SmtpSummaryResponse implements SmtpSummary {
  @ApiProperty({ enum: SMTP_STATUSES }) status: SmtpStatus;
  @ApiProperty({ nullable: true, type: String, example: 'pom@bmasiamusic.com' }) fromEmail: string | null;
  @ApiProperty({ nullable: true, type: SmtpLastErrorSummary }) lastError: SmtpLastErrorSummary | null;

  static from(credential: SmtpCredential | null): SmtpSummaryResponse {
    return Object.assign(new SmtpSummaryResponse(), {
      status: smtpStatus(credential),
      fromEmail: credential?.fromEmail ?? null,
      lastError:
        credential?.lastErrorCode && credential.lastErrorMessage
          ? { code: credential.lastErrorCode, message: credential.lastErrorMessage }
          : null,
    });
  }
}

export class UserResponse implements UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'pom@bmasiamusic.com' }) email: string;
  @ApiProperty({ example: 'Pom' }) name: string;
  @ApiProperty({ enum: ROLES, example: 'sales' }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 'Pom\nSales, BMAsia Music' }) signature: string;
  @ApiProperty({ type: SmtpSummaryResponse }) smtp: SmtpSummaryResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(user: User, credential: SmtpCredential | null): UserResponse {
    return Object.assign(new UserResponse(), {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active,
      signature: user.signature,
      smtp: SmtpSummaryResponse.from(credential),
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    });
  }
}
