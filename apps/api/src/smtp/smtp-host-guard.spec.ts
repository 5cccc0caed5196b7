import { resolveSmtpHost, SmtpHostNotAllowedError } from './smtp-host-guard';

describe('resolveSmtpHost', () => {
  it.each(['127.0.0.1', '10.1.2.3', '192.168.0.10', '172.16.5.4', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1'])(
    'refuses %s unless private hosts are allowed',
    async (address) => {
      await expect(resolveSmtpHost(address, false)).rejects.toBeInstanceOf(SmtpHostNotAllowedError);
      await expect(resolveSmtpHost(address, true)).resolves.toBe(address);
    },
  );

  it('refuses a name that resolves to loopback, and returns the resolved address to connect to', async () => {
    await expect(resolveSmtpHost('localhost', false)).rejects.toThrow(/loopback address/);
    await expect(resolveSmtpHost('localhost', true)).resolves.toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('always refuses unspecified and multicast addresses', async () => {
    await expect(resolveSmtpHost('0.0.0.0', true)).rejects.toBeInstanceOf(SmtpHostNotAllowedError);
    await expect(resolveSmtpHost('224.0.0.1', true)).rejects.toBeInstanceOf(SmtpHostNotAllowedError);
  });

  it('allows a public address', async () => {
    await expect(resolveSmtpHost('142.250.4.108', false)).resolves.toBe('142.250.4.108');
  });
});
