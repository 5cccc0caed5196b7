import { Injectable } from '@nestjs/common';
import { DevMailCatcher } from '../email';
import { DemoDocumentsSeed } from './demo-documents.seed';
import { DEMO_MAILBOXES, DEMO_USERS, DemoUsersSeed } from './demo-users.seed';

/** The demo a newcomer gets from `npm start`: the team, their mailboxes at the dev mail catcher, documents. */
@Injectable()
export class DemoData {
  constructor(
    private readonly users: DemoUsersSeed,
    private readonly documents: DemoDocumentsSeed,
    private readonly catcher: DevMailCatcher,
  ) {}

  /** Adds what is missing (running it again changes nothing); the catcher learns the demo app passwords. */
  async seed(password: string): Promise<void> {
    for (const mailbox of DEMO_MAILBOXES) this.catcher.acceptAccount(mailbox.email, mailbox.appPassword);
    await this.users.run(password, this.catcher.port);
    await this.documents.run();
  }

  /**
   * The lines `npm start` prints: who can sign in, with the demo password only while some demo user still has it, and
   * the demo mailboxes' app passwords (and which are not set up, as of now).
   */
  async describe(password: string): Promise<string[]> {
    const unchanged = await this.users.withPassword(password);
    const lines = unchanged.size
      ? [
          `Demo logins (password "${password}"):`,
          ...DEMO_USERS.map((user) => `  ${user.role.padEnd(9)} ${user.email}${unchanged.has(user.email) ? '' : '  (password changed)'}`),
        ]
      : ['Demo logins: every demo user has changed the demo password.', ...DEMO_USERS.map((user) => `  ${user.role.padEnd(9)} ${user.email}`)];
    if (this.catcher.port) {
      const setUp = await this.users.withMailbox();
      lines.push('  Demo mailbox app passwords:');
      for (const mailbox of DEMO_MAILBOXES) {
        lines.push(`  ${mailbox.email.padEnd(25)} "${mailbox.appPassword}"${setUp.has(mailbox.email) ? '' : '  (not set up yet)'}`);
      }
    }
    return lines;
  }
}
