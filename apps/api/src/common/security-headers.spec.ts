import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from './security-headers';

/** The headers a request gets through `securityHeaders(production)` on a real HTTP server. */
async function headersOf(production: boolean): Promise<Headers> {
  const headers = securityHeaders(production);
  const server: Server = createServer((request, response) => headers(request, response, () => response.end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('securityHeaders', () => {
  it('pins HTTPS for a year, subdomains included, in production', async () => {
    expect((await headersOf(true)).get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('does not pin HTTPS in development (it would pin localhost)', async () => {
    const headers = await headersOf(false);
    expect(headers.get('strict-transport-security')).toBeNull();
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
