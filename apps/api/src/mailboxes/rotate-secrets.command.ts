/**
 * `npm run secrets:rotate`: re-encrypts every stored secret with the first key of SECRETS_KEYS. Run it after
 * putting a new key first (keep the old one listed until this has finished). Mailboxes own the encrypted columns
 * (app passwords and OAuth refresh tokens), so they drive the rotation; crypto only re-encrypts what it is given.
 */
import { parseSecretKeys, rotateSecrets, SecretBox, secretKeysFrom } from '../crypto';
import { runWithDatabase } from '../database';
import { ENCRYPTED_COLUMNS } from './mailbox.entity';

void runWithDatabase(async (dataSource, env) => {
  const box = new SecretBox(parseSecretKeys(secretKeysFrom(env)));
  const report = await rotateSecrets(dataSource, box, ENCRYPTED_COLUMNS);
  console.log(`Re-encrypted ${report.rotated} secret(s) with key "${box.primaryKeyId}".`);
  for (const { table, id } of report.unreadable) {
    console.log(`  cannot read ${table} ${id}: its key is not in SECRETS_KEYS; re-enter that password`);
  }
  return report.unreadable.length ? 2 : 0;
});
