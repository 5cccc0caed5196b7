import { Writable } from 'node:stream';
import Fastify from 'fastify';
import request from 'supertest';
import { createHttpLogging, type HttpLogging } from './logging';

function capture(level = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logging: createHttpLogging(level, stream) };
}

/** A bare Fastify server with the hooks the app adds (app.setup.ts). */
function withLogging(logging: HttpLogging) {
  const app = Fastify();
  app.addHook('onRequest', logging.onRequest);
  if (logging.preHandler) app.addHook('preHandler', logging.preHandler);
  return app;
}

describe('createHttpLogging', () => {
  it('writes Nest logger calls as JSON with their context, objects merged, errors reduced to what may be logged', () => {
    const { lines, logging } = capture();
    logging.logger.log('Seeded 4 demo user(s)', 'DemoUsersSeed');
    logging.logger.warn({ attempt: 2 }, 'will retry', 'SendBookkeeping');
    logging.logger.error(Object.assign(new Error('boom'), { parameters: ['s3cr3t'] }), 'DevMailCatcher');
    expect(lines[0]).toMatchObject({ level: 30, context: 'DemoUsersSeed', msg: 'Seeded 4 demo user(s)' });
    expect(lines[1]).toMatchObject({ level: 40, context: 'SendBookkeeping', attempt: 2, msg: 'will retry' });
    expect(lines[2]).toMatchObject({ level: 50, context: 'DevMailCatcher', msg: 'boom', err: { type: 'Error', message: 'boom' } });
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it('logs each request once with its id, binds the id to log lines written while handling it, and never logs credentials', async () => {
    const { lines, logging } = capture();
    const app = withLogging(logging);
    app.post('/api/thing', async () => {
      await Promise.resolve();
      logging.logger.log('handling', 'ThingController');
      return { ok: true };
    });
    await app.ready();
    // A body to read first: the request's context must outlast the stream events that deliver it.
    const response = await request(app.server)
      .post('/api/thing')
      .send({ some: 'body' })
      .set('X-Request-Id', 'req-42')
      .set('Authorization', 'Bearer s3cr3t')
      .set('Cookie', 'sendas_session=s3cr3t');
    expect(response.headers['x-request-id']).toBe('req-42');
    const handling = lines.find((line) => line.msg === 'handling');
    expect(handling).toMatchObject({ context: 'ThingController', req: { id: 'req-42' } });
    expect(lines.find((line) => line.msg === 'request completed')).toMatchObject({ req: { id: 'req-42' }, res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it('never logs the credentials an OAuth callback or an invitation carries in its query string', async () => {
    const { lines, logging } = capture();
    const app = withLogging(logging);
    app.get('/mailbox/oauth', async () => 'page');
    app.get('/settings/mailbox', async () => 'page');
    await app.ready();
    await request(app.server).get('/mailbox/oauth?state=s3cr3t-state&code=s3cr3t-code&scope=email');
    await request(app.server).get('/settings/mailbox?connect=google&invite=s3cr3t-invite');
    const urls = lines.filter((line) => line.msg === 'request completed').map((line) => (line.req as { url: string }).url);
    expect(urls).toEqual(['/mailbox/oauth?state=[redacted]&code=[redacted]&scope=email', '/settings/mailbox?connect=google&invite=[redacted]']);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it('above info writes no request line, still answers with the request id, and writes warnings', async () => {
    const { lines, logging } = capture('warn');
    const app = withLogging(logging);
    app.get('/api/thing', async () => {
      logging.logger.log('handling', 'ThingController');
      logging.logger.warn('careful', 'ThingController');
      return { ok: true };
    });
    await app.ready();
    const response = await request(app.server).get('/api/thing').set('X-Request-Id', 'req-43');
    expect(response.headers['x-request-id']).toBe('req-43');
    expect(lines).toEqual([expect.objectContaining({ level: 40, context: 'ThingController', msg: 'careful' })]);
  });

  it('writes text for a person in development: one line per request without headers, warnings with their error, no start-up chatter', async () => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    const logging = createHttpLogging('info', stream, 'pretty');
    const app = withLogging(logging);
    app.get('/api/quotes', async () => ({ items: [] }));
    await app.ready();
    await request(app.server).get('/api/quotes?q=siam').set('Authorization', 'Bearer s3cr3t').set('User-Agent', 'curl/8').expect(200);
    logging.logger.log('Mapped {/api/quotes, GET} route', 'RouterExplorer');
    logging.logger.warn({ err: new Error('IMAP refused the sign-in') }, 'Sent copy failed', 'SentCopies');

    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/INFO: GET \/api\/quotes\?q=siam 200 \d+ ms$/);
    expect(text).toMatch(/WARN: \[SentCopies\] Sent copy failed/);
    expect(text).toContain('IMAP refused the sign-in');
    expect(text).not.toContain('Mapped {');
    expect(text).not.toMatch(/s3cr3t|curl\/8|\{"level"/);
  });
});
