import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { staleSendingAfterSeconds } from './send-timing';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['true', '1', 'yes'].includes(value.trim().toLowerCase()) : value);

/** Every environment variable Sendas reads, with its default. README "Configuration" mirrors this class. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Real PostgreSQL. When unset, the embedded PostgreSQL (PGlite) is started. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Folder for the embedded database and generated development secrets. */
  @IsString()
  DATA_DIR = './data';

  @IsOptional()
  @IsString()
  EMBEDDED_PG_DIR: string; // default: DATA_DIR/pg

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 0;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string; // outside production, generated into DATA_DIR when unset (auth/jwt-secret.ts)

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_EXPIRES_IN_SECONDS = 900;

  /** A browser session (its refresh cookie) ends after this long without use, or at sign-out. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(300)
  @Max(90 * 86_400)
  SESSION_IDLE_TIMEOUT_SECONDS = 7 * 86_400;

  /** Keys that encrypt stored SMTP passwords: `k2:<base64 32 bytes>,k1:<...>`; the first encrypts. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'SECRETS_KEYS must look like "k1:<base64 of 32 random bytes>[,k0:<...>]"',
  })
  SECRETS_KEYS?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO: boolean; // default: true outside production

  @IsString()
  @MinLength(8)
  DEMO_PASSWORD = 'sendas-demo';

  /** The company's system mail account, e.g. smtps://user:pass@smtp.example.com:465. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_FROM?: string;

  /** Users may manage their own mailbox settings (superusers always can). */
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_SELF_SERVICE_SMTP = true;

  /** Allow SMTP hosts on loopback/private/link-local addresses; default true outside production only. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_PRIVATE_SMTP_HOSTS: boolean;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SMTP_CONNECTION_TIMEOUT_MS = 10_000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SMTP_GREETING_TIMEOUT_MS = 10_000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SMTP_SOCKET_TIMEOUT_MS = 20_000;

  /** A send still `sending` after this long was interrupted and becomes `unknown`; default: twice the SMTP bounds + 60 s. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SEND_STALE_AFTER_SECONDS: number;

  /** The first retry of a Sent copy that failed for a temporary reason; each next one waits twice as long (at most an hour). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SENT_COPY_FIRST_RETRY_MS = 30_000;

  /** Attempts at a Sent copy before it is given up as failed (8: about an hour of retries). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SENT_COPY_MAX_ATTEMPTS = 8;

  /** Outbox workers run in this process (scheduled sends go out); 0 leaves that to `npm run worker` processes. */
  @Transform(toBoolean)
  @IsBoolean()
  WORKERS = true;

  /** A job whose worker died is taken again after this long (a send is far shorter). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OUTBOX_JOB_EXPIRE_SECONDS = 600;

  /** How often instances with workers look for expired jobs. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OUTBOX_MAINTENANCE_SECONDS = 120;

  /** Send many: messages per minute through one mailbox, so a long run does not trip the provider. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OUTBOX_PACE_PER_MINUTE = 30;

  /** Jobs one process works on at once (each sends one message at a time). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(32)
  OUTBOX_CONCURRENCY = 4;

  /** How often a worker looks for due jobs (polling works on the embedded database too). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OUTBOX_POLL_SECONDS = 2;

  /** Attempts at a scheduled send the mail server refuses for now (4xx, unreachable) before it fails. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OUTBOX_MAX_ATTEMPTS = 5;

  /** Wait before the second attempt; each further one waits twice as long (at most an hour). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  OUTBOX_FIRST_RETRY_SECONDS = 60;

  /** How often each instance looks for interrupted sends. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SEND_SWEEP_INTERVAL_SECONDS = 60;

  /** Open mailbox pools kept at most (one per user sending through their own mailbox). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SMTP_POOL_CACHE_SIZE = 500;

  /** An unused mailbox pool is closed after this long. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SMTP_POOL_IDLE_SECONDS = 300;

  /** Mailbox tests per user per minute. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SMTP_VERIFY_LIMIT_PER_MINUTE = 10;

  /** The web app's address as users' browsers reach it: links in mail Sendas sends (password reset) start with it. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'APP_URL must be the web app address without a path, e.g. https://sendas.example.com' })
  APP_URL?: string; // default: http://localhost:PORT

  /**
   * "Connect with Google / Microsoft" (OAuth2 for SMTP, XOAUTH2): a provider shows its button only when its client
   * id and secret are set. The redirect URL is the web app's /mailbox/oauth page, registered with each provider.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/mailbox\/oauth$/, {
    message: 'OAUTH_REDIRECT_URL must be the web app address followed by /mailbox/oauth, e.g. https://sendas.example.com/mailbox/oauth',
  })
  OAUTH_REDIRECT_URL?: string; // default: http://localhost:PORT/mailbox/oauth

  @IsOptional()
  @IsString()
  GOOGLE_OAUTH_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  GOOGLE_OAUTH_CLIENT_SECRET?: string;

  /** Google's OpenID issuer; only changed for tests against a local authorization server. */
  @Matches(/^https?:\/\/.+/, { message: 'GOOGLE_OAUTH_ISSUER must be an http(s) URL' })
  GOOGLE_OAUTH_ISSUER = 'https://accounts.google.com';

  /** host:port of Gmail's SMTP submission server for connected mailboxes. */
  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'GOOGLE_SMTP_SERVER must be host:port, e.g. smtp.gmail.com:587' })
  GOOGLE_SMTP_SERVER = 'smtp.gmail.com:587';

  @IsOptional()
  @IsString()
  MICROSOFT_OAUTH_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  MICROSOFT_OAUTH_CLIENT_SECRET?: string;

  /** The Entra ID tenant (its id or primary domain) the app is registered in; "common" cannot verify the ID token's issuer. */
  @IsOptional()
  @Matches(/^(?!(common|organizations|consumers)$)[\w.-]+$/i, {
    message:
      'MICROSOFT_OAUTH_TENANT must be your tenant id or domain, e.g. contoso.onmicrosoft.com ("common", "organizations" and "consumers" cannot prove whose account signed in)',
  })
  MICROSOFT_OAUTH_TENANT?: string;

  /** Default: https://login.microsoftonline.com/TENANT/v2.0; only changed for tests. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'MICROSOFT_OAUTH_ISSUER must be an http(s) URL' })
  MICROSOFT_OAUTH_ISSUER?: string;

  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'MICROSOFT_SMTP_SERVER must be host:port, e.g. smtp.office365.com:587' })
  MICROSOFT_SMTP_SERVER = 'smtp.office365.com:587';

  /** The dev mail catcher (started when SMTP_URL is unset outside production); 0 picks a free port. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  DEV_SMTP_PORT = 2525;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_TTL_SECONDS = 60;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_ACCOUNT_LIMIT = 5;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_IP_LIMIT = 30;

  /** The issuing company, printed on every PDF. */
  @IsString()
  ORG_NAME = 'BMAsia Music';

  @IsString()
  ORG_ADDRESS = '';

  /** The organisation's time zone at the first start (superusers change it in the app after that); default Asia/Bangkok with the demo, else UTC. */
  @IsOptional()
  @IsTimeZone({ message: 'ORG_TIME_ZONE must be an IANA time zone such as Asia/Bangkok' })
  ORG_TIME_ZONE: string;

  /** The built web app; served at `/` when the folder exists. */
  @IsString()
  WEB_DIST_DIR = 'dist/web/browser';
}

export class ConfigError extends Error {}

/** Names the variable and the rule, never the value: several variables hold secrets or URLs with passwords. */
function firstProblem(errors: ReturnType<typeof validateSync>): string {
  const first = errors[0];
  return Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
}

/** A URL the `URL` parser accepts; its own error would carry the whole URL, password included. */
function assertParsableUrl(name: 'DATABASE_URL' | 'SMTP_URL', value: string | undefined): void {
  if (value && !URL.canParse(value))
    throw new ConfigError(`${name} is not a valid URL (check the escaping of special characters in the user name and password)`);
}

/** Validates the environment (and writes nothing); throws a ConfigError whose message is one line naming the variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(Env, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length) throw new ConfigError(firstProblem(errors));
  assertParsableUrl('DATABASE_URL', env.DATABASE_URL);
  assertParsableUrl('SMTP_URL', env.SMTP_URL);

  const production = env.NODE_ENV === 'production';
  if (production) {
    const missing = (['DATABASE_URL', 'JWT_SECRET', 'SECRETS_KEYS'] as const).find((name) => !env[name]);
    if (missing) throw new ConfigError(`${missing} is required when NODE_ENV=production`);
  }
  env.EMBEDDED_PG_DIR ??= join(env.DATA_DIR, 'pg');
  env.SEED_DEMO ??= !production;
  env.ORG_TIME_ZONE ??= env.SEED_DEMO ? 'Asia/Bangkok' : 'UTC';
  env.ALLOW_PRIVATE_SMTP_HOSTS ??= !production;
  env.SEND_STALE_AFTER_SECONDS ??= staleSendingAfterSeconds(env);
  env.APP_URL ??= `http://localhost:${env.PORT}`;
  env.OAUTH_REDIRECT_URL ??= `${env.APP_URL}/mailbox/oauth`;
  if (env.MICROSOFT_OAUTH_TENANT) env.MICROSOFT_OAUTH_ISSUER ??= `https://login.microsoftonline.com/${env.MICROSOFT_OAUTH_TENANT}/v2.0`;
  return env;
}
