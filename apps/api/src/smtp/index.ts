/** What other modules may use of smtp/: lint forbids importing its files directly. */
export { type NodemailerError, type SmtpFailureContext, mapSmtpError, reconnectMessage } from './smtp-errors';
export { SmtpHostNotAllowedError, SmtpHostNotFoundError, isLoopbackHost, notAllowedMessage, refusedRange, resolveSmtpHost } from './smtp-host-guard';
export { type AccessToken, SMTP_SETTINGS, type SmtpAuth, type SmtpOptions, type SmtpSettings, urlWithTimeouts } from './smtp-settings';
export { SmtpTransportCache } from './smtp-transport-cache';
export { SmtpVerifier } from './smtp-verifier';
export { SmtpModule } from './smtp.module';
