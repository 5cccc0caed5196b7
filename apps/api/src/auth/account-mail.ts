/** A mail Sendas sends a person about their own account (today: a password reset link). */
export interface AccountMailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

/**
 * How the auth module mails a person about their account, without knowing how mail is sent: the email module
 * provides it (through the company account) under ACCOUNT_MAIL, so auth does not import email.
 */
export interface AccountMail {
  /** False when there is no company account to send from (no SMTP_URL, no dev mail catcher). */
  readonly available: boolean;
  send(message: AccountMailMessage): Promise<unknown>;
}
export const ACCOUNT_MAIL = Symbol('ACCOUNT_MAIL');
