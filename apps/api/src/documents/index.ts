/** What other modules may use of documents/: lint forbids importing its files directly. */
export { CompaniesService } from './companies/companies.service';
export { Company } from './companies/company.entity';
export { DocumentAccessGuard, DocumentRoutes, NeedsDocumentAccess } from './document-access.guard';
export { DocumentsModule } from './documents.module';
export { DocumentsService } from './documents.service';
export { longDate } from './format';
export { formatAmount } from './money';
export { DocumentPdfService } from './pdf/document-pdf.service';
