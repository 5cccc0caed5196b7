import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const API_PATH = /^\/api([/?]|$)/;
const IMMUTABLE_ASSET = /\.[0-9a-z]{8,}\.(js|css|woff2?|ttf|svg|png)$/i;

/**
 * The built web app at `/`: its files, and index.html for any other GET outside `/api` (the app's deep links);
 * nothing when `distDir` holds no build (API-only runs). Unknown `/api` routes stay Nest's 404 in the error shape.
 */
export async function serveWebApp(app: NestFastifyApplication, distDir: string): Promise<void> {
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    wildcard: false, // one route per file, so every other path reaches the fallback below
    setHeaders: (reply, path) => {
      void reply.header('Cache-Control', IMMUTABLE_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) => {
      if (API_PATH.test(request.url)) return reply.callNotFound();
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
}
