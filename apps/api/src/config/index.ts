/** What other modules may use of config/: lint forbids importing its files directly. */
export { ConfigurationModule } from './config.module';
export { developmentSecret } from './development-secrets';
export { ConfigError, Env, validateEnv } from './env.validation';
export { smtpConversationBoundMs } from './send-timing';
