/** What other modules may use of api-keys/: lint forbids importing its files directly. */
export { ApiKeysModule } from './api-keys.module';
