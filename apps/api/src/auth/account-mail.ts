/** A mail Sendas sends a person about their own account (today: a password reset link), asking one thing of them. */
export interface AccountMailMessage {
  to: { name: string; address: string };
  subject: string;
  /** Plain-text paragraphs before the action. */
  before: string[];
  /** What the mail asks the person to do: a button in the HTML part, the URL on a line of its own in the text part. */
  action: { label: string; url: string };
  /** Plain-text paragraphs after it. */
  after: string[];
}

/**
 * How the auth module mails a person about their account, without knowing how mail is sent: the email module
 * provides it (through the company account, in its branded layout) under ACCOUNT_MAIL, so auth does not import email.
 */
export interface AccountMail {
  /** False when there is no company account to send from (no SMTP_URL, no dev mail catcher). */
  readonly available: boolean;
  mail(message: AccountMailMessage): Promise<unknown>;
}
export const ACCOUNT_MAIL = Symbol('ACCOUNT_MAIL');
