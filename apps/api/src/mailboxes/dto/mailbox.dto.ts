import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  MAILBOX_KINDS,
  type MailboxKind,
  OAUTH_PROVIDERS,
  type OAuthCallbackRequest,
  type OAuthProvider,
  type OAuthProvidersDto,
  type OAuthStartDto,
  SMTP_PROVIDERS,
  SMTP_SECURITY,
  type SmtpCredentialDto,
  type SmtpCredentialRequest,
  type SmtpProvider,
  type SmtpSecurity,
  SMTP_STATUSES,
  type SmtpStatus,
  type SmtpSummary,
  type SmtpVerifyResult,
} from '@sendas/contracts';
import { trim } from '../../common/transforms';
import type { Mailbox } from '../mailbox.entity';

export function smtpStatus(mailbox: Mailbox | null): SmtpStatus {
  if (!mailbox) return 'not_configured';
  if (mailbox.lastErrorCode === 'MAILBOX_RECONNECT_REQUIRED') return 'reconnect_required';
  if (mailbox.lastErrorCode) return 'failing';
  return mailbox.verifiedAt ? 'verified' : 'configured';
}

/** A DNS name or an IPv4 literal. */
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export class SmtpCredentialInput implements SmtpCredentialRequest {
  @ApiProperty({ enum: SMTP_PROVIDERS, example: 'gmail', description: 'gmail and office365 fill host, port and security' })
  @IsIn(SMTP_PROVIDERS)
  provider: SmtpProvider;

  @ApiPropertyOptional({ example: 'pom@bmasiamusic.com', description: "Defaults to the user's own email" })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  fromEmail?: string;

  @ApiPropertyOptional({ example: 'Pom', description: "Defaults to the user's name" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  fromName?: string;

  @ApiPropertyOptional({ example: 'pom@bmasiamusic.com', description: 'Defaults to fromEmail' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 254)
  username?: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description: 'App password; write-only. Leave out to keep the stored one.',
    example: '<app password>',
  })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  password?: string;

  @ApiPropertyOptional({ example: 'smtp.example.com', description: 'Only for provider "custom"' })
  @IsOptional()
  @Transform(trim)
  @Matches(HOSTNAME, { message: 'host must be a host name such as smtp.example.com' })
  host?: string;

  @ApiPropertyOptional({ example: 587, minimum: 1, maximum: 65535 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ enum: SMTP_SECURITY, example: 'starttls' })
  @IsOptional()
  @IsIn(SMTP_SECURITY)
  security?: SmtpSecurity;

  @ApiPropertyOptional({ description: 'Required to use security "none" with a host that is not on this machine' })
  @IsOptional()
  @IsBoolean()
  allowInsecure?: boolean;

  @ApiPropertyOptional({ description: "Accept the server's self-signed TLS certificate" })
  @IsOptional()
  @IsBoolean()
  allowSelfSignedCertificate?: boolean;

  @ApiPropertyOptional({ example: 500, description: 'Messages per rolling 24 hours; presets: Gmail 500, Microsoft 365 10,000' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  dailyLimit?: number;
}

class SmtpLastError {
  @ApiProperty({ example: 'SMTP_AUTH_FAILED' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class UpdatedBy {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class MailboxUsageResponse {
  @ApiProperty({ example: 12 }) used: number;
  @ApiProperty({ example: 500 }) limit: number;
  @ApiProperty({ example: 488 }) remaining: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) freesAt: string | null;
}

export class SmtpCredentialResponse implements SmtpCredentialDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: MAILBOX_KINDS, description: 'How the mailbox signs in: app password, or OAuth2 at Google / Microsoft' })
  kind: MailboxKind;
  @ApiProperty({ enum: SMTP_PROVIDERS }) provider: SmtpProvider;
  @ApiProperty({ example: 'smtp.gmail.com' }) host: string;
  @ApiProperty({ example: 587 }) port: number;
  @ApiProperty({ enum: SMTP_SECURITY }) security: SmtpSecurity;
  @ApiProperty({ example: 'pom@bmasiamusic.com' }) username: string;
  @ApiProperty({ example: 'pom@bmasiamusic.com' }) fromEmail: string;
  @ApiProperty({ example: 'Pom' }) fromName: string;
  @ApiProperty({ description: 'A password is stored (it is never returned)' }) hasPassword: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'OAuth mailboxes: when the provider last issued tokens' })
  consentRefreshedAt: string | null;
  @ApiProperty() allowSelfSignedCertificate: boolean;
  @ApiProperty({ example: 500 }) dailyLimit: number;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ enum: SMTP_STATUSES }) status: SmtpStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) verifiedAt: string | null;
  @ApiProperty({ type: SmtpLastError, nullable: true }) lastError: SmtpLastError | null;
  @ApiProperty({ type: UpdatedBy, nullable: true }) updatedBy: UpdatedBy | null;
  @ApiProperty({ type: MailboxUsageResponse }) usage: MailboxUsageResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SmtpVerifyResponse {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ example: 'SMTP_AUTH_FAILED' }) code?: string;
  @ApiProperty({ example: 'Connected to smtp.gmail.com:587 and signed in as pom@bmasiamusic.com.' }) message: string;
}
export type { SmtpVerifyResult };

export class AuditEventResponse {
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'smtp_credential.updated' }) action: string;
  @ApiProperty({ type: UpdatedBy, nullable: true }) actor: UpdatedBy | null;
  @ApiProperty({ example: { changed: ['host', 'password'] } }) details: Record<string, unknown>;
}

/** Verify body: empty tests the stored settings; otherwise the form's settings (provider defaults to the stored one). */
export class SmtpVerifyInput extends PartialType(SmtpCredentialInput) {}

class SmtpLastErrorSummary {
  @ApiProperty({ example: 'SMTP_AUTH_FAILED' }) code: string;
  @ApiProperty() message: string;
}

export class SmtpSummaryResponse implements SmtpSummary {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: MAILBOX_KINDS, nullable: true }) kind: MailboxKind | null;
  @ApiProperty({ enum: SMTP_STATUSES }) status: SmtpStatus;
  @ApiProperty({ nullable: true, type: String, example: 'pom@bmasiamusic.com' }) fromEmail: string | null;
  @ApiProperty({ nullable: true, type: SmtpLastErrorSummary }) lastError: SmtpLastErrorSummary | null;

  static from(mailbox: Mailbox): SmtpSummaryResponse {
    return Object.assign(new SmtpSummaryResponse(), {
      userId: mailbox.userId,
      kind: mailbox.kind,
      status: smtpStatus(mailbox),
      fromEmail: mailbox.fromEmail,
      lastError: mailbox.lastErrorCode && mailbox.lastErrorMessage ? { code: mailbox.lastErrorCode, message: mailbox.lastErrorMessage } : null,
    });
  }
}

export class OAuthProvidersResponse implements OAuthProvidersDto {
  @ApiProperty({ enum: OAUTH_PROVIDERS, isArray: true, example: ['google'] }) providers: OAuthProvider[];
}

export class OAuthStartResponse implements OAuthStartDto {
  @ApiProperty({ example: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=...&code_challenge=...&state=...' })
  authorizationUrl: string;
}

/** What the provider put on the redirect URL, passed on by the web app's callback page. */
export class OAuthCallbackInput implements OAuthCallbackRequest {
  @ApiProperty({ description: 'The state from the redirect URL' })
  @IsString()
  @Length(16, 256)
  state: string;

  @ApiPropertyOptional({ description: 'The authorization code (absent when the provider reports an error)' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  code?: string;

  @ApiPropertyOptional({ example: 'access_denied' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  error?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  errorDescription?: string;
}
