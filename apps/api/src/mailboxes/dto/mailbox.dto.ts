import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  CUSTOM_SENDS_PER_MINUTE,
  ErrorCode,
  MAX_SENDS_PER_MINUTE,
  type OAuthCallbackRequest,
  SMTP_PROVIDERS,
  SMTP_SECURITY,
  type MailboxRequest,
  type SmtpProvider,
  type SmtpSecurity,
  type MailboxStatus,
  type MailboxSummary,
} from '@sendas/contracts';
import { IsDisplayName, trim } from '../../common';
import type { Mailbox } from '../mailbox.entity';

export function mailboxStatus(mailbox: Mailbox | null): MailboxStatus {
  if (!mailbox) return 'not_configured';
  if (mailbox.lastErrorCode === ErrorCode.MAILBOX_RECONNECT_REQUIRED) return 'reconnect_required';
  if (mailbox.lastErrorCode) return 'failing';
  return mailbox.verifiedAt ? 'verified' : 'configured';
}

/** A DNS name or an IPv4 literal. */
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export class MailboxInput implements MailboxRequest {
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
  @IsDisplayName()
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

  @ApiPropertyOptional({
    example: 20,
    description: `Send many sends at most this many messages a minute through the mailbox; 0: not paced. Presets: Gmail 20, Microsoft 365 30, other ${CUSTOM_SENDS_PER_MINUTE}`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SENDS_PER_MINUTE)
  sendsPerMinute?: number;

  @ApiPropertyOptional({
    description:
      'Save a copy of each sent message to Sent over IMAP. Default: off for gmail and office365 (they keep their own), on for custom when imapHost is given.',
  })
  @IsOptional()
  @IsBoolean()
  saveSentCopy?: boolean;

  @ApiPropertyOptional({ example: 'imap.example.com', description: 'Only for provider "custom"; presets use their provider\'s IMAP server' })
  @IsOptional()
  @Transform(trim)
  @Matches(HOSTNAME, { message: 'imapHost must be a host name such as imap.example.com' })
  imapHost?: string;

  @ApiPropertyOptional({ example: 993, minimum: 1, maximum: 65535 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  imapPort?: number;

  @ApiPropertyOptional({ enum: SMTP_SECURITY, example: 'tls' })
  @IsOptional()
  @IsIn(SMTP_SECURITY)
  imapSecurity?: SmtpSecurity;

  @ApiPropertyOptional({ example: 'pom@bmasiamusic.com', description: 'Defaults to the SMTP username' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 254)
  imapUsername?: string;

  @ApiPropertyOptional({ example: 'INBOX.Sent', nullable: true, description: 'The folder to use when the server flags none as Sent; null clears it' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value))
  @IsString()
  @Length(1, 200)
  sentFolder?: string | null;
}

/** Verify body: empty tests the stored settings; otherwise the form's settings (provider defaults to the stored one). */
export class SmtpVerifyInput extends PartialType(MailboxInput) {}

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

/** One user's mailbox in the superuser's list. */
export function toMailboxSummary(mailbox: Mailbox): MailboxSummary {
  return {
    userId: mailbox.userId,
    kind: mailbox.kind,
    status: mailboxStatus(mailbox),
    fromEmail: mailbox.fromEmail,
    lastError: mailbox.lastErrorCode && mailbox.lastErrorMessage ? { code: mailbox.lastErrorCode, message: mailbox.lastErrorMessage } : null,
  };
}
