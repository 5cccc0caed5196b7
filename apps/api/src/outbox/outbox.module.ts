import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../documents/documents.module';
import { EmailModule } from '../email/email.module';
import { UsersModule } from '../users/users.module';
import { BulkSend } from './bulk-send.entity';
import { BulkSends } from './bulk-sends.service';
import { JobQueue } from './job-queue';
import { documentOutboxControllers, OutboxController } from './outbox.controller';
import { Outbox } from './outbox.service';
import { OutboxWorker } from './outbox-worker';
import { ScheduledSend } from './scheduled-send.entity';

/** Send later: scheduled sends kept as approved, and the workers that send them from the job queue (pg-boss). */
@Module({
  imports: [TypeOrmModule.forFeature([ScheduledSend, BulkSend]), DocumentsModule, EmailModule, UsersModule],
  controllers: [...documentOutboxControllers, OutboxController],
  providers: [JobQueue, Outbox, OutboxWorker, BulkSends],
})
export class OutboxModule {}
