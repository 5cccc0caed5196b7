import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

export interface StoredMessage {
  raw: string;
  flags: string[];
}

/** A real Dovecot IMAP server on a loopback port, with plain-text sign-in (loopback only) and Maildir in a temporary folder. */
export interface ImapServer {
  port: number;
  /** Adds a user (and password) who can sign in at once. */
  addAccount(user: string, password: string): Promise<void>;
  /** The messages in a user's folder (default: the one flagged \Sent, else "Sent"), read back over IMAP. */
  messages(user: string, password: string, folder?: string): Promise<StoredMessage[]>;
  stop(): Promise<void>;
}

export interface ImapServerOptions {
  /** user → password */
  accounts?: Record<string, string>;
  /** Flag the "Sent" folder \Sent (RFC 6154); false: it exists, unflagged, like on many older servers. */
  sentSpecialUse?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function accepting(port: number, process: ChildProcess, log: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (process.exitCode !== null) throw new Error(`Dovecot exited with ${process.exitCode}: see ${log}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot did not listen on ${port}: see ${log}`);
}

/** Starts Dovecot from Debian (`apt-get install -y dovecot-imapd`); as root the mail belongs to the `dovecot` user. */
export async function startImapServer({ accounts = {}, sentSpecialUse = true }: ImapServerOptions = {}): Promise<ImapServer> {
  if (!DOVECOT) throw new Error('Dovecot is not installed: apt-get install -y dovecot-imapd (the Sent-copy tests need a real IMAP server)');
  const dir = await mkdtemp(join(tmpdir(), 'sendas-imap-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const mailUser = asRoot ? 'dovecot' : userInfo().username;
  const uid = Number(execFileSync('id', ['-u', mailUser]).toString());
  const gid = Number(execFileSync('id', ['-g', mailUser]).toString());
  await chmod(dir, 0o755); // Dovecot's auth process (the dovecot user) reads the password file
  await mkdir(join(dir, 'mail'));
  await chown(join(dir, 'mail'), uid, gid).catch(() => undefined);
  // One password file per user: Dovecot caches a file by modification time, so appending to one shared file may go unseen.
  const addAccount = (user: string, password: string) => writeFile(join(dir, 'passwd.d', user), `${user}:{PLAIN}${password}\n`);
  await mkdir(join(dir, 'passwd.d'));
  for (const [user, password] of Object.entries(accounts)) await addAccount(user, password);
  const log = join(dir, 'dovecot.log');
  await writeFile(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_failure_delay = 0
auth_mechanisms = plain login
first_valid_uid = ${Math.min(uid, 100)}
${asRoot ? '' : `default_internal_user = ${mailUser}\ndefault_login_user = ${mailUser}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd.d/%u
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Sent {
    ${sentSpecialUse ? 'special_use = \\Sent' : ''}
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const dovecot = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await accepting(port, dovecot, log);

  return {
    port,
    addAccount,
    async messages(user, password, folder) {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      try {
        const path = folder ?? (await client.list()).find((entry) => entry.specialUse === '\\Sent')?.path ?? 'Sent';
        const lock = await client.getMailboxLock(path);
        try {
          const stored: StoredMessage[] = [];
          if ((client.mailbox || { exists: 0 }).exists === 0) return stored;
          for await (const message of client.fetch('1:*', { source: true, flags: true })) {
            stored.push({ raw: message.source!.toString(), flags: [...(message.flags ?? [])] });
          }
          return stored;
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }
    },
    async stop() {
      if (dovecot.exitCode === null) {
        const exited = new Promise((resolve) => dovecot.once('exit', resolve));
        dovecot.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP relay in front of a server that can break one IMAP conversation: `midAppend` cuts it while the message
 * is on its way to the server (nothing is stored), `afterStored` once the server has stored it but before the
 * answer reaches the client (the client cannot know it worked). Each cut happens once; then it relays faithfully.
 */
export interface CuttingRelay {
  port: number;
  cut(when: 'midAppend' | 'afterStored'): void;
  /** Conversations cut so far. */
  cuts(): number;
  close(): Promise<void>;
}

export async function startCuttingRelay(targetPort: number): Promise<CuttingRelay> {
  let armed: 'midAppend' | 'afterStored' | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const cut = () => {
      armed = null;
      cuts++;
      client.destroy();
      upstream.destroy();
    };
    let appending = false;
    client.on('data', (chunk: Buffer) => {
      if (armed === 'midAppend' && chunk.toString('latin1').includes(' APPEND ')) {
        upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)), cut);
        return;
      }
      if (chunk.toString('latin1').includes(' APPEND ')) appending = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (armed === 'afterStored' && appending && /OK \[APPENDUID/.test(chunk.toString('latin1'))) return cut();
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    port,
    cut: (when) => (armed = when),
    cuts: () => cuts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
