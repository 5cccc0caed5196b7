import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Role } from '@sendas/contracts';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

/** The team of the seed plan; customers elsewhere use `.example` domains. */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; signature: string }> = [
  { email: 'norbert@bmasiamusic.com', name: 'Norbert', role: 'superuser', signature: 'Norbert\nBMAsia Music' },
  { email: 'pom@bmasiamusic.com', name: 'Pom', role: 'sales', signature: 'Pom\nSales, BMAsia Music' },
  { email: 'nikki.h@bmasiamusic.com', name: 'Nikki', role: 'finance', signature: 'Nikki\nFinance, BMAsia Music' },
  { email: 'keith@bmasiamusic.com', name: 'Keith', role: 'sales', signature: 'Keith\nSales, BMAsia Music' },
];

/** Creates the demo users that do not exist yet; running it again changes nothing. */
@Injectable()
export class DemoUsersSeed {
  private readonly logger = new Logger(DemoUsersSeed.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  async run(password: string): Promise<number> {
    const passwordHash = await this.hasher.hash(password);
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values(DEMO_USERS.map((user) => ({ ...user, passwordHash })))
      .orIgnore()
      .execute();
    const created = result.identifiers.filter(Boolean).length;
    if (created) this.logger.log(`Seeded ${created} demo user(s)`);
    return created;
  }
}
