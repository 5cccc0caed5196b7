/** What other modules may use of crypto/: lint forbids importing its files directly. */
export { CryptoModule, secretKeysFrom } from './crypto.module';
export { SecretBox, SecretUnreadableError, parseSecretKeys } from './secret-box';
export { type EncryptedColumn, rotateSecrets } from './secret-rotation';
