/** What other modules may use of auth/: lint forbids importing its files directly. */
export { ACCOUNT_MAIL, type AccountMail, type AccountMailMessage } from './account-mail';
export { SESSION_COOKIE } from './auth.controller';
export { AuthModule } from './auth.module';
