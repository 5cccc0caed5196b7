// Shared by the benchmarks: free ports, the built Sendas started as a child process, a lean HTTP client
// and CPU accounting per process.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts dist/ with demo data and quiet logs; resolves once /api/health answers. */
export async function startApp(env, { nodeArgs = [] } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...nodeArgs, 'dist/api/apps/api/src/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), DEV_SMTP_PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('Sendas did not start (is it built? npm run build)');
}

export const stopApp = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))));

/**
 * A lean keep-alive HTTP client for load: node:http with a pooled agent costs the load generator about a
 * third of what fetch does per request, and the load generator shares the cores with what it measures.
 * Resolves to { status, body } (body parsed when JSON, a Buffer otherwise).
 */
export function httpClient(base, maxSockets = 64) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(base);
  return (path, { method = 'GET', token, body, headers = {} } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const request = httpRequest(
        {
          agent,
          hostname,
          port,
          path,
          method,
          headers: {
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const json = response.headers['content-type']?.includes('json');
            resolve({ status: response.statusCode, body: json && raw.length ? JSON.parse(raw.toString('utf8')) : raw });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
}

/** CPU seconds a process has used so far (user + system), with its ended children's when `reaped`. */
export function cpuSeconds(pid, reaped = false) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / 100;
}

const childrenOf = (pid) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);

/**
 * CPU seconds used so far by the API, by the database (every PostgreSQL server process, ended backends
 * included; or the embedded database, which runs as the API's child process) and by this process.
 */
export function cpuSnapshot(apiPid) {
  let postgres = childrenOf(apiPid).reduce((sum, pid) => sum + cpuSeconds(pid, true), 0);
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += cpuSeconds(pid, true);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return { api: cpuSeconds(apiPid), postgres, bench: cpuSeconds(process.pid) };
}

/** CPU milliseconds per operation between two snapshots, formatted for the tables. */
export function cpuPerOperation(before, after, operations) {
  const ms = (key) => ((1000 * (after[key] - before[key])) / operations).toFixed(2);
  return `API ${ms('api')} · PG ${ms('postgres')} · load ${ms('bench')}`;
}

/**
 * The sink: accepts any user whose password is "pw", over STARTTLS, and counts what it receives; with
 * `keepSubjects`, also the Subject of each message in `stats.subjects` (to find duplicates); with `dataDelayMs`,
 * answers each message that much later (as a real provider does).
 */
export async function startSink({ keepSubjects = false, dataDelayMs = 0 } = {}) {
  const stats = { received: 0, open: 0, maxOpen: 0, subjects: [] };
  const { SMTPServer } = createRequire(import.meta.url)('smtp-server');
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    size: 25 * 1024 * 1024,
    onConnect(_session, callback) {
      stats.open++;
      stats.maxOpen = Math.max(stats.maxOpen, stats.open);
      callback();
    },
    onClose() {
      stats.open--;
    },
    onAuth(auth, _session, callback) {
      if (auth.password === 'pw') return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 Username and Password not accepted'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (keepSubjects && head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        stats.received++;
        if (keepSubjects) stats.subjects.push(/^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '');
        if (dataDelayMs) setTimeout(callback, dataDelayMs);
        else callback();
      });
    },
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, stats, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Mailbox settings that send as `email` through a sink of ours on loopback `port` (STARTTLS, its own certificate). */
export const sinkMailbox = (port, email) => ({
  provider: 'custom',
  host: '127.0.0.1',
  port,
  security: 'starttls',
  allowSelfSignedCertificate: true,
  username: email,
  fromEmail: email,
  password: 'pw',
  dailyLimit: 100_000,
});

/**
 * The sink in a process of its own (bench/sink-process.mjs), so that the load generator's CPU is the client's
 * alone. Resolves to { port, pid, close }.
 */
export function startSinkProcess({ dataDelayMs = 0 } = {}) {
  const child = spawn(process.execPath, [new URL('./sink-process.mjs', import.meta.url).pathname, String(dataDelayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The sink process ended (${code})`)));
    child.stdout.once('data', (chunk) => {
      child.removeAllListeners('exit');
      resolve({ port: Number(chunk.toString().trim()), pid: child.pid, close: () => stopApp(child) });
    });
  });
}

/** Resident memory of a process, in MB. */
export const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
