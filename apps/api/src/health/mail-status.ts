import type { HealthResponse } from '@sendas/contracts';

/** The system mail route's status, provided and exported by the email module (health imports it). */
export const MAIL_STATUS = Symbol('MAIL_STATUS');

export interface MailStatusSource {
  mailStatus(): Promise<HealthResponse['mail']>;
}
