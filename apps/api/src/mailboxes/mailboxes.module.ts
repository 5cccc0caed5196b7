import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { ImapModule } from '../imap';
import { InvitationsModule } from '../invitations';
import { SmtpModule } from '../smtp';
import { UsersModule } from '../users';
import { Mailbox } from './mailbox.entity';
import { MailboxSending } from './mailbox-sending.service';
import { MailboxSettings } from './mailbox-settings.service';
import { MailboxVerification } from './mailbox-verification';
import { MailboxesController, UserMailboxController } from './mailboxes.controller';
import { AccessTokens } from './oauth/access-tokens';
import { MailboxOAuthRequest } from './oauth/mailbox-oauth-request.entity';
import { MailboxOAuth } from './oauth/mailbox-oauth.service';
import { OAuthClients } from './oauth/oauth-clients';

/**
 * Each user's mailbox: settings (app password or OAuth consent), verification, usage, history, and what a send
 * needs of it (MailboxSending, the only export the email module uses; the demo seed saves through MailboxSettings). Users know nothing of it but the owner id.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Mailbox, MailboxOAuthRequest]), SmtpModule, ImapModule, AuditModule, UsersModule, InvitationsModule],
  controllers: [MailboxesController, UserMailboxController],
  providers: [MailboxSettings, MailboxVerification, MailboxSending, MailboxOAuth, OAuthClients, AccessTokens],
  exports: [MailboxSending, MailboxSettings],
})
export class MailboxesModule {}
