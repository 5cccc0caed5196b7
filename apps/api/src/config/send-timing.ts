/** Longer than any SMTP conversation can last under the configured bounds, with room to spare. */
export function staleSendingAfterSeconds(bounds: {
  SMTP_CONNECTION_TIMEOUT_MS: number;
  SMTP_GREETING_TIMEOUT_MS: number;
  SMTP_SOCKET_TIMEOUT_MS: number;
}): number {
  return Math.ceil((2 * (bounds.SMTP_CONNECTION_TIMEOUT_MS + bounds.SMTP_GREETING_TIMEOUT_MS + bounds.SMTP_SOCKET_TIMEOUT_MS)) / 1000) + 60;
}
