import type { Test } from 'supertest';

/** Collects a binary response body (PDFs, attachments) as a Buffer. */
export function binary(request: Test): Test {
  return request.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
