/**
 * `npm run user:create -- --email ops@example.com --name "Operations" [--role superuser]`: creates a user, such as
 * the first superuser of an installation without demo data. The password is asked for (hidden) on a terminal, or
 * read from stdin when it is piped: `printf '%s' "$PASSWORD" | npm run user:create -- --email ...`.
 */
import { parseArgs } from 'node:util';
import password from '@inquirer/password';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuditEvent, AuditLog } from '../audit';
import { ConfigError } from '../config';
import { runWithDatabase } from '../database';
import { OrganisationSettingsRow } from '../organisation';
import { CreateUserDto } from './dto/user-input.dto';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersService } from './users.service';

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) return password({ message: 'Password for the new user', mask: '*' });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

void runWithDatabase(async (dataSource, env) => {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'superuser' } } });
  if (!values.email) throw new ConfigError('--email is required, e.g. npm run user:create -- --email ops@example.com --name "Operations"');
  const dto = plainToInstance(CreateUserDto, {
    email: values.email,
    name: values.name ?? values.email.split('@')[0],
    role: values.role,
    password: await readPassword(),
  });
  const [problem] = validateSync(dto);
  if (problem) throw new ConfigError(Object.values(problem.constraints ?? {})[0] ?? `${problem.property} is invalid`);

  const users = new UsersService(dataSource.getRepository(User), new PasswordHasher());
  // the organisation's zone once the app has started; before that, the one it will start with
  const organisation = await dataSource.getRepository(OrganisationSettingsRow).findOneBy({ id: 1 });
  const user = await users.create(dto, organisation?.timeZone ?? env.ORG_TIME_ZONE);
  await new AuditLog(dataSource.getRepository(AuditEvent)).record({
    actorId: null,
    action: 'user.created',
    subjectType: 'user',
    subjectId: user.id,
    details: { role: user.role, via: 'user:create command' },
  });
  console.log(`Created ${user.role} ${user.email}. They can sign in now.`);
  return 0;
});
