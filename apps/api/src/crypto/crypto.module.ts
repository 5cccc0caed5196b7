import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { developmentSecret, type Env } from '../config';
import { generateSecretKey, parseSecretKeys, SecretBox } from './secret-box';

const DEV_KEY_FILE = 'secrets-key';

/** SECRETS_KEYS, or outside production a key generated once into the data folder. */
export function secretKeysFrom(env: Pick<Env, 'SECRETS_KEYS' | 'DATA_DIR'>): string {
  if (env.SECRETS_KEYS) return env.SECRETS_KEYS;
  new Logger('SecretBox').warn(
    `SECRETS_KEYS is not set: SMTP passwords are encrypted with a development key kept in ${env.DATA_DIR}/${DEV_KEY_FILE}. Set SECRETS_KEYS in production.`,
  );
  return developmentSecret(env.DATA_DIR, DEV_KEY_FILE, () => generateSecretKey('dev'));
}

@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        new SecretBox(
          parseSecretKeys(
            secretKeysFrom({
              SECRETS_KEYS: config.get('SECRETS_KEYS', { infer: true }),
              DATA_DIR: config.get('DATA_DIR', { infer: true }),
            }),
          ),
        ),
    },
  ],
  exports: [SecretBox],
})
export class CryptoModule {}
