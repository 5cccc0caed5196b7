import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { Role } from '@sendas/contracts';
import { AuditLog } from '../audit';
import { Mailbox } from '../mailboxes';
import { SecretBox } from '../crypto';
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
    @InjectRepository(Mailbox) private readonly credentials: Repository<Mailbox>,
    private readonly hasher: PasswordHasher,
    private readonly secrets: SecretBox,
    private readonly audit: AuditLog,
  ) {}

  /** `devSmtpPort`: where the dev mail catcher listens, to give Pom and Nikki their own (demo) mailboxes. */
  async run(password: string, devSmtpPort?: number): Promise<number> {
    const passwordHash = await this.hasher.hash(password);
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values(DEMO_USERS.map((user) => ({ ...user, passwordHash })))
      .orIgnore()
      .execute();
    const created = result.identifiers.filter(Boolean).length;
    if (created) this.logger.log(`Seeded ${created} demo user(s)`);
    if (devSmtpPort) await this.seedMailboxes(devSmtpPort);
    return created;
  }

  /** The demo users who have a mailbox now (seeded, or set up since), by email. */
  async withMailbox(): Promise<Set<string>> {
    const rows = await this.users
      .createQueryBuilder('user')
      .innerJoin(Mailbox, 'mailbox', 'mailbox.user_id = user.id')
      .select('user.email', 'email')
      .where('user.email IN (:...emails)', { emails: DEMO_MAILBOXES.map((mailbox) => mailbox.email) })
      .getRawMany<{ email: string }>();
    return new Set(rows.map((row) => row.email));
  }

  /** Demo mailboxes nobody has edited follow the catcher to its current port. */
  private async seedMailboxes(port: number): Promise<void> {
    const seeded = DEMO_MAILBOXES.filter((mailbox) => mailbox.seeded);
    const users = await this.users.findBy({ email: In(seeded.map((mailbox) => mailbox.email)) });
    for (const user of users) {
      const existing = await this.credentials.findOneBy({ userId: user.id });
      if (existing) {
        if (!existing.updatedById && existing.host === '127.0.0.1' && existing.port !== port) {
          await this.credentials.update({ id: existing.id }, { port });
        }
        continue;
      }
      const mailbox = seeded.find((candidate) => candidate.email === user.email)!;
      await this.credentials.insert({
        userId: user.id,
        provider: 'custom',
        host: '127.0.0.1',
        port,
        security: 'none',
        username: user.email,
        fromEmail: user.email,
        fromName: user.name,
        passwordEnc: this.secrets.encrypt(mailbox.appPassword),
        allowSelfSignedCertificate: false,
        dailyLimit: 500,
        sendsPerMinute: 20,
        updatedById: null,
      });
      await this.audit.record({
        actorId: null,
        action: 'mailbox.created',
        subjectType: 'mailbox',
        subjectId: user.id,
        details: { seeded: true },
      });
    }
  }
}
