import type { HealthResponse } from '@sendas/contracts';

/** Provided by the email module, looked up without importing it (nothing imports email/). */
export const MAIL_STATUS = Symbol('MAIL_STATUS');

export interface MailStatusSource {
  mailStatus(): Promise<HealthResponse['mail']>;
}
