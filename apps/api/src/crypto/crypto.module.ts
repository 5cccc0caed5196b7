import { Global, Logger, Module } from '@nestjs/common';
import { developmentSecret, Env } from '../config';
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
      inject: [Env],
      useFactory: (config: Env) =>
        new SecretBox(
          parseSecretKeys(
            secretKeysFrom({
              SECRETS_KEYS: config.SECRETS_KEYS,
              DATA_DIR: config.DATA_DIR,
            }),
          ),
        ),
    },
  ],
  exports: [SecretBox],
})
export class CryptoModule {}
