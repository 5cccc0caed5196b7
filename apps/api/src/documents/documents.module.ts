import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users';
import { CompaniesController } from './companies/companies.controller';
import { CompaniesService } from './companies/companies.service';
import { Company } from './companies/company.entity';
import { Contact } from './companies/contact.entity';
import { DocumentAccessGuard } from './document-access.guard';
import { DocumentAccessPolicy } from './document-access.policy';
import { DocumentLine } from './document-line.entity';
import { Document } from './document.entity';
import { documentControllers } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentPdfService } from './pdf/document-pdf.service';

@Module({
  imports: [TypeOrmModule.forFeature([Company, Contact, Document, DocumentLine]), UsersModule],
  controllers: [CompaniesController, ...documentControllers],
  providers: [CompaniesService, DocumentsService, DocumentAccessPolicy, DocumentAccessGuard, DocumentPdfService],
  exports: [DocumentsService, DocumentAccessPolicy, DocumentAccessGuard, DocumentPdfService, CompaniesService],
})
export class DocumentsModule {}
