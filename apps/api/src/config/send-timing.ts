interface SmtpBounds {
  SMTP_CONNECTION_TIMEOUT_MS: number;
  SMTP_GREETING_TIMEOUT_MS: number;
  SMTP_SOCKET_TIMEOUT_MS: number;
}

/** How long one SMTP conversation may wait in all under the configured bounds. */
export function smtpConversationBoundMs(bounds: SmtpBounds): number {
  return bounds.SMTP_CONNECTION_TIMEOUT_MS + bounds.SMTP_GREETING_TIMEOUT_MS + bounds.SMTP_SOCKET_TIMEOUT_MS;
}

/** Longer than any SMTP conversation can last under the configured bounds, with room to spare. */
export function staleSendingAfterSeconds(bounds: SmtpBounds): number {
  return Math.ceil((2 * smtpConversationBoundMs(bounds)) / 1000) + 60;
}
