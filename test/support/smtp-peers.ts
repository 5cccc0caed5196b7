import { createServer, type Server } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  authUser: string | undefined;
  from: string | undefined;
  to: string[];
  raw: string;
  /** When the whole message had arrived (Date.now()). */
  at: number;
}

export interface SmtpPeer {
  port: number;
  received: ReceivedMail[];
  /** Every AUTH attempt, with the password or XOAUTH2 access token the client sent. */
  auths: Array<{ username: string | undefined; password: string | undefined; accessToken?: string }>;
  /** Connections still open to this peer. */
  openConnections(): number;
  /** Cuts every open connection (a server restart, or a session ended after the sign-in was revoked). */
  dropConnections(): void;
  close(): Promise<void>;
}

type AuthAnswer = 'ok' | { responseCode: number; message: string };

export interface SmtpPeerOptions {
  /** Accepted username → password pairs. */
  accounts?: Record<string, string>;
  /** XOAUTH2 only (like Gmail and Microsoft 365): accepts a bearer token when this says it is valid for the user. */
  acceptsAccessToken?: (username: string, accessToken: string) => boolean;
  /** Answer every AUTH with this failure instead (e.g. 534 5.7.9). */
  failAuthWith?: { responseCode: number; message: string };
  /** Offer STARTTLS with smtp-server's built-in self-signed certificate, or with `certificate` when given. */
  starttls?: boolean;
  /** PEM key and certificate chain for STARTTLS. */
  certificate?: { key: string; cert: string };
  /** Refuse every RCPT TO with this reply (e.g. 450 4.2.1). */
  failRcptWith?: { responseCode: number; message: string };
  /** With failRcptWith: refuse only this many RCPT TO commands, then accept (a provider's "try again later"). */
  failRcptTimes?: number;
  /** Refuse the message after DATA with this reply (e.g. 550 5.4.5). */
  failDataWith?: { responseCode: number; message: string };
  /** Drop the connection in the middle of DATA. */
  dropDuringData?: boolean;
  /** Answer the greeting with this failure (e.g. 421 4.3.2) and close. */
  failGreetingWith?: { responseCode: number; message: string };
  /** Refuse only these recipients (550 5.1.1); the others are accepted. */
  refuseRecipients?: string[];
  /** Keep the whole message but never answer the final dot. */
  silentAfterData?: boolean;
  /** Runs when the message has arrived, before the peer answers (e.g. to break the app's database connections). */
  beforeAccepting?: () => Promise<void>;
}

const smtpError = (failure: { responseCode: number; message: string }) => Object.assign(new Error(failure.message), { responseCode: failure.responseCode });

function listen(server: { listen: (port: number, host: string, cb: () => void) => unknown }, address: () => unknown) {
  return new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((address() as { port: number }).port));
  });
}

/** A real SMTP server on loopback that requires AUTH and keeps what it receives. */
export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  let refusedRcpts = 0;
  const auths: SmtpPeer['auths'] = [];
  const config: SMTPServerOptions = {
    authMethods: options.acceptsAccessToken ? ['XOAUTH2'] : ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    logger: false,
    ...options.certificate,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        auths.push({ username: auth.username, password: undefined, accessToken: auth.accessToken });
        if (options.acceptsAccessToken?.(auth.username ?? '', auth.accessToken ?? '')) return callback(null, { user: auth.username });
        // Gmail's answer to an expired or unknown token: a 334 challenge, then 535 after the client's empty line.
        return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } } as never);
      }
      auths.push({ username: auth.username, password: auth.password ?? undefined });
      const answer: AuthAnswer = options.failAuthWith
        ? options.failAuthWith
        : options.accounts?.[auth.username ?? ''] === auth.password
          ? 'ok'
          : { responseCode: 535, message: '5.7.8 Username and Password not accepted' };
      if (answer === 'ok') return callback(null, { user: auth.username });
      callback(Object.assign(new Error(answer.message), { responseCode: answer.responseCode }));
    },
    onConnect(_session, callback) {
      callback(options.failGreetingWith ? smtpError(options.failGreetingWith) : undefined);
    },
    onRcptTo(address, _session, callback) {
      if (options.refuseRecipients?.includes(address.address)) {
        return callback(smtpError({ responseCode: 550, message: '5.1.1 No such user here' }));
      }
      const refuse = options.failRcptWith && (options.failRcptTimes === undefined || refusedRcpts++ < options.failRcptTimes);
      callback(refuse ? smtpError(options.failRcptWith!) : undefined);
    },
    onData(stream, session, callback) {
      if (options.dropDuringData) {
        const connections = (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections;
        stream.once('data', () => connections.forEach((connection) => connection._socket.destroy()));
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.failDataWith) return callback(smtpError(options.failDataWith));
        received.push({
          authUser: session.user as string | undefined,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        if (options.silentAfterData) return;
        void (options.beforeAccepting?.() ?? Promise.resolve()).then(() => callback());
      });
    },
  };
  const server = new SMTPServer(config);
  const port = await listen(server as never, () => (server as unknown as { server: Server }).server.address());
  const connections = () => (server as unknown as { connections: Set<unknown> }).connections;
  return {
    port,
    received,
    auths,
    openConnections: () => connections().size,
    dropConnections: () => (connections() as Set<{ _socket: { destroy(): void } }>).forEach((connection) => connection._socket.destroy()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word (no SMTP greeting). */
export async function startSilentPeer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server as never, () => server.address());
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server as never, () => server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}
