import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../documents';
import { EmailModule, PENDING_SENDS } from '../email';
import { UsersModule } from '../users';
import { BulkSend } from './bulk-send.entity';
import { BulkSends } from './bulk-sends.service';
import { JobQueue } from './job-queue';
import { documentOutboxControllers, OutboxController } from './outbox.controller';
import { Outbox } from './outbox.service';
import { OutboxWorker } from './outbox-worker';
import { DocumentPendingSends } from './pending-sends';
import { ScheduledSend } from './scheduled-send.entity';
import { SendPace } from './send-pace';

/**
 * Send later: scheduled sends kept as approved, and the workers that send them from the job queue (pg-boss). Global:
 * the email module asks PENDING_SENDS before a send now, without importing this module.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ScheduledSend, BulkSend]), DocumentsModule, EmailModule, UsersModule],
  controllers: [...documentOutboxControllers, OutboxController],
  providers: [JobQueue, Outbox, OutboxWorker, SendPace, BulkSends, DocumentPendingSends, { provide: PENDING_SENDS, useExisting: DocumentPendingSends }],
  exports: [PENDING_SENDS],
})
export class OutboxModule {}
