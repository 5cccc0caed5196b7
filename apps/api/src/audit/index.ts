/** What other modules may use of audit/: lint forbids importing its files directly. */
export { AuditEvent } from './audit-event.entity';
export { AuditLog } from './audit-log.service';
export { AuditModule } from './audit.module';
