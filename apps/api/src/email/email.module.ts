import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MAIL_STATUS } from '../health/mail-status';
import { DevMailCatcher } from './dev-mailbox/dev-mail-catcher';
import { DevMailMessage } from './dev-mailbox/dev-mail-message.entity';
import { DevMailboxController } from './dev-mailbox/dev-mailbox.controller';
import { DevMailboxService } from './dev-mailbox/dev-mailbox.service';
import { MailHealth } from './mail-health';

@Module({
  imports: [TypeOrmModule.forFeature([DevMailMessage])],
  controllers: [DevMailboxController],
  providers: [DevMailCatcher, DevMailboxService, MailHealth, { provide: MAIL_STATUS, useExisting: MailHealth }],
  exports: [DevMailCatcher, MAIL_STATUS],
})
export class EmailModule {}
