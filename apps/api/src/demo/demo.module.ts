import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { Company, DocumentsModule } from '../documents';
import { DevMailboxModule } from '../email';
import { MailboxesModule } from '../mailboxes';
import { OrganisationModule } from '../organisation';
import { User, UsersModule } from '../users';
import { DemoData } from './demo-data';
import { DemoDocumentsSeed } from './demo-documents.seed';
import { DemoUsersSeed } from './demo-users.seed';

/** Demo data, wired in by the app module only when SEED_DEMO is on (never by default in production). */
@Module({
  imports: [TypeOrmModule.forFeature([User, Company]), UsersModule, MailboxesModule, DocumentsModule, AuditModule, DevMailboxModule, OrganisationModule],
  providers: [DemoUsersSeed, DemoDocumentsSeed, DemoData],
  exports: [DemoData, DemoUsersSeed],
})
export class DemoModule {}
