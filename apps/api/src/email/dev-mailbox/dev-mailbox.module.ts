import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DevMailCatcher } from './dev-mail-catcher';
import { DevMailMessage } from './dev-mail-message.entity';
import { DevMailboxController } from './dev-mailbox.controller';
import { DevMailboxService } from './dev-mailbox.service';

@Module({
  imports: [TypeOrmModule.forFeature([DevMailMessage])],
  controllers: [DevMailboxController],
  providers: [DevMailCatcher, DevMailboxService],
  exports: [DevMailCatcher],
})
export class DevMailboxModule {}
