import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Company } from '../documents/companies/company.entity';
import { DocumentsModule } from '../documents/documents.module';
import { DevMailboxModule } from '../email/dev-mailbox/dev-mailbox.module';
import { Mailbox } from '../mailboxes/mailbox.entity';
import { User } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { DemoData } from './demo-data';
import { DemoDocumentsSeed } from './demo-documents.seed';
import { DemoUsersSeed } from './demo-users.seed';

/** Demo data, wired in by the app module only when SEED_DEMO is on (never by default in production). */
@Module({
  imports: [TypeOrmModule.forFeature([User, Mailbox, Company]), UsersModule, DocumentsModule, AuditModule, DevMailboxModule],
  providers: [DemoUsersSeed, DemoDocumentsSeed, DemoData],
  exports: [DemoData, DemoUsersSeed],
})
export class DemoModule {}
