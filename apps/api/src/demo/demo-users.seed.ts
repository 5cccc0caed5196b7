import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { Role } from '@sendas/contracts';
import { MailboxSettings } from '../mailboxes';
import { OrganisationSettings } from '../organisation';
import { PasswordHasher, User } from '../users';

/** The demo team (a superuser, two salespeople, finance); customers use `.example` domains. */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; signature: string }> = [
  { email: 'norbert@bmasiamusic.com', name: 'Norbert', role: 'superuser', signature: 'Norbert\nBMAsia Music' },
  { email: 'pom@bmasiamusic.com', name: 'Pom', role: 'sales', signature: 'Pom\nSales, BMAsia Music' },
  { email: 'nikki.h@bmasiamusic.com', name: 'Nikki', role: 'finance', signature: 'Nikki\nFinance, BMAsia Music' },
  { email: 'keith@bmasiamusic.com', name: 'Keith', role: 'sales', signature: 'Keith\nSales, BMAsia Music' },
];

/**
 * The demo team's mailboxes at the dev mail catcher, with their demo app passwords. Pom's and Nikki's are
 * seeded as their own mailboxes; Keith's is known to the catcher but left for a superuser to set up.
 */
export const DEMO_MAILBOXES: ReadonlyArray<{ email: string; appPassword: string; seeded: boolean }> = [
  { email: 'pom@bmasiamusic.com', appPassword: 'pomd emoa ppps wd26', seeded: true },
  { email: 'nikki.h@bmasiamusic.com', appPassword: 'nikk idem oapp pw26', seeded: true },
  { email: 'keith@bmasiamusic.com', appPassword: 'keit hdem oapp pw26', seeded: false },
];

/** Creates the demo users that do not exist yet; running it again changes nothing. */
@Injectable()
export class DemoUsersSeed {
  private readonly logger = new Logger(DemoUsersSeed.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly mailboxes: MailboxSettings,
    private readonly hasher: PasswordHasher,
    private readonly organisation: OrganisationSettings,
  ) {}

  /** `devSmtpPort`: where the dev mail catcher listens, to give Pom and Nikki their own (demo) mailboxes. */
  async run(password: string, devSmtpPort?: number): Promise<number> {
    const passwordHash = await this.hasher.hash(password);
    const timeZone = await this.organisation.timeZone();
    const existing = new Set((await this.users.findBy({ email: In(DEMO_USERS.map((user) => user.email)) })).map((user) => user.email));
    const missing = DEMO_USERS.filter((user) => !existing.has(user.email));
    // an instance starting alongside may add them at the same moment: same users, same password, so either write stands
    if (missing.length)
      await this.users.upsert(
        missing.map((user) => ({ ...user, passwordHash, timeZone })),
        { conflictPaths: ['email'] },
      );
    const created = missing.length;
    if (created) this.logger.log(`Seeded ${created} demo user(s)`);
    if (devSmtpPort) await this.seedMailboxes(devSmtpPort);
    return created;
  }

  /** The demo users whose password is still `password`, by email. */
  async withPassword(password: string): Promise<Set<string>> {
    const users = await this.users.find({ where: { email: In(DEMO_USERS.map((user) => user.email)) }, select: { email: true, passwordHash: true } });
    const checked = await Promise.all(users.map(async (user) => ((await this.hasher.verify(user.passwordHash, password)) ? user.email : null)));
    return new Set(checked.filter((email): email is string => email !== null));
  }

  /** The demo users who have a mailbox now (seeded, or set up since), by email. */
  async withMailbox(): Promise<Set<string>> {
    const owners = new Set((await this.mailboxes.summaries()).map((summary) => summary.userId));
    const users = await this.users.findBy({ email: In(DEMO_MAILBOXES.map((mailbox) => mailbox.email)) });
    return new Set(users.filter((user) => owners.has(user.id)).map((user) => user.email));
  }

  /** Demo mailboxes nobody has edited follow the catcher to its current port; all are saved as a person's would be. */
  private async seedMailboxes(port: number): Promise<void> {
    const seeded = DEMO_MAILBOXES.filter((mailbox) => mailbox.seeded);
    const users = await this.users.findBy({ email: In(seeded.map((mailbox) => mailbox.email)) });
    for (const user of users) {
      const existing = await this.mailboxes.find(user.id);
      if (existing && (existing.updatedBy || existing.host !== '127.0.0.1' || existing.port === port)) continue;
      const { appPassword } = seeded.find((candidate) => candidate.email === user.email)!;
      const settings = {
        provider: 'custom' as const,
        host: '127.0.0.1',
        port,
        security: 'none' as const,
        password: appPassword,
        dailyLimit: 500,
        sendsPerMinute: 20,
      };
      // The catcher is on loopback: with ALLOW_PRIVATE_SMTP_HOSTS off the mailbox rules refuse it, and the demo goes without.
      await this.mailboxes
        .put(user.id, settings, null)
        .catch((error: unknown) => this.logger.warn(`${user.name}'s demo mailbox was not set up: ${(error as Error).message}`));
    }
  }
}
