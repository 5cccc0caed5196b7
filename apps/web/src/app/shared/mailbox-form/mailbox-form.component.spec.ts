import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MailboxDto } from '@sendas/contracts';
import { MailboxFormComponent } from './mailbox-form.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const STORED: MailboxDto = {
  userId: 'u1',
  kind: 'app_password',
  provider: 'gmail',
  host: 'smtp.gmail.com',
  port: 587,
  security: 'starttls',
  username: 'pom@bmasiamusic.com',
  fromEmail: 'pom@bmasiamusic.com',
  fromName: 'Pom',
  hasPassword: true,
  consentRefreshedAt: null,
  allowSelfSignedCertificate: false,
  dailyLimit: 500,
  sendsPerMinute: 20,
  saveSentCopy: false,
  imapHost: 'imap.gmail.com',
  imapPort: 993,
  imapSecurity: 'tls',
  imapUsername: 'pom@bmasiamusic.com',
  sentFolder: null,
  version: 2,
  status: 'verified',
  verifiedAt: '2026-11-26T00:00:00.000Z',
  lastError: null,
  updatedBy: { id: 'u1', name: 'Pom' },
  usage: { used: 2, limit: 500, remaining: 498, freesAt: null },
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
};

describe('MailboxFormComponent', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  /** `devCatcher`: the health answer names the dev mail catcher (development), else mail goes to a real server. */
  async function render(stored: MailboxDto | null, providers: string[] = [], devCatcher?: { host: string; port: number }) {
    TestBed.configureTestingModule({ imports: [MailboxFormComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MailboxFormComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne('/api/mailboxes/oauth/providers').flush({ providers });
    http.expectOne('/api/health').flush({ mail: devCatcher ? { status: 'up', transport: 'dev-catcher', devCatcher } : { status: 'up', transport: 'smtp' } });
    const request = http.expectOne('/api/users/me/smtp');
    if (stored) request.flush(stored);
    else request.flush({ statusCode: 404, code: 'SMTP_NOT_CONFIGURED', message: 'none' }, { status: 404, statusText: 'Not Found' });
    await settle();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, component: fixture.componentInstance };
  }

  it('shows a stored password as saved, never its value, and keeps it when saving other changes', async () => {
    const { element, component } = await render(STORED);
    expect(element.textContent).toContain('App password saved');
    expect(element.querySelector('[data-testid=app-password]')).toBeNull();
    expect(element.querySelector('[data-testid=usage]')?.textContent).toContain('498 of 500 left');

    component.form.controls.fromName.setValue('Pom S.');
    const saving = component.save();
    const request = http.expectOne({ method: 'PUT', url: '/api/users/me/smtp' });
    expect(request.request.body).toEqual({
      provider: 'gmail',
      fromEmail: 'pom@bmasiamusic.com',
      fromName: 'Pom S.',
      dailyLimit: 500,
      sendsPerMinute: 20,
      saveSentCopy: false,
      sentFolder: null,
    });
    expect(request.request.body).not.toHaveProperty('password');
    request.flush({ ...STORED, fromName: 'Pom S.' });
    await saving;
  });

  it('asks for the password when setting a mailbox up, and shows the mapped test result', async () => {
    const { fixture, element, component } = await render(null);
    expect(element.querySelector('[data-testid=app-password]')).not.toBeNull();
    await component.test();
    http.expectNone('/api/users/me/smtp/verify');
    expect(component.form.controls.password.hasError('required')).toBe(true);

    component.form.patchValue({ fromEmail: 'pom@bmasiamusic.com', password: 'wrong app password' });
    const testing = component.test();
    const request = http.expectOne({ method: 'POST', url: '/api/users/me/smtp/verify' });
    expect(request.request.body).toMatchObject({ provider: 'gmail', password: 'wrong app password' });
    request.flush({ ok: false, code: 'SMTP_AUTH_FAILED', message: 'Gmail rejected the password for pom@bmasiamusic.com.' });
    await testing;
    fixture.detectChanges();
    const result = element.querySelector('[data-testid=test-result]')!;
    expect(result.textContent).toContain('Gmail rejected the password');
    expect(result.textContent).toContain('SMTP_AUTH_FAILED');
  });

  it('starts a new mailbox on the dev mail catcher in development, and sends its settings as an SMTP server without TLS', async () => {
    const { fixture, element, component } = await render(null, [], { host: '127.0.0.1', port: 2525 });
    expect(element.querySelector('[data-testid=dev-catcher-hint]')?.textContent).toContain('uses the dev mail catcher on 127.0.0.1:2525');
    expect(component.form.pristine).toBe(true);
    component.form.patchValue({ fromEmail: 'keith@bmasiamusic.com', password: 'keit hdem oapp pw26' });
    const testing = component.test();
    const request = http.expectOne({ method: 'POST', url: '/api/users/me/smtp/verify' });
    expect(request.request.body).toMatchObject({ provider: 'custom', host: '127.0.0.1', port: 2525, security: 'none', saveSentCopy: false });
    request.flush({ ok: true, message: 'Connected to 127.0.0.1:2525 and signed in as keith@bmasiamusic.com.' });
    await testing;

    // picked away from it, one click brings it back
    component.form.controls.provider.setValue('gmail');
    fixture.detectChanges();
    element.querySelector<HTMLButtonElement>('[data-testid=use-dev-catcher]')!.click();
    expect(component.form.getRawValue()).toMatchObject({ provider: 'custom', host: '127.0.0.1', port: 2525, security: 'none' });
  });

  it('shows a connected Google mailbox without server or password fields, and offers to reconnect when its consent is gone', async () => {
    const connected: MailboxDto = {
      ...STORED,
      kind: 'google',
      hasPassword: false,
      consentRefreshedAt: '2026-11-26T00:00:00.000Z',
      status: 'reconnect_required',
      lastError: { code: 'MAILBOX_RECONNECT_REQUIRED', message: 'Google no longer accepts Sendas.', at: '2026-11-26T01:00:00.000Z' },
    };
    const { element, component } = await render(connected, ['google', 'microsoft']);
    expect(element.querySelector('[data-testid=mailbox-kind]')?.textContent).toContain('Google account (OAuth)');
    expect(element.querySelector('[data-testid=reconnect-required]')?.textContent).toContain('Reconnect with Google');
    expect(element.querySelector('[data-testid=connect-google]')?.textContent).toContain('Reconnect with Google');
    expect(element.querySelector('[data-testid=connect-microsoft]')?.textContent).toContain('Connect with Microsoft');
    expect(element.querySelector('[data-testid=app-password]')).toBeNull();

    component.form.controls.fromName.setValue('Pom S.');
    const saving = component.save();
    const request = http.expectOne({ method: 'PUT', url: '/api/users/me/smtp' });
    expect(request.request.body).toEqual({ provider: 'gmail', fromName: 'Pom S.', dailyLimit: 500, sendsPerMinute: 20, saveSentCopy: false, sentFolder: null });
    request.flush({ ...connected, fromName: 'Pom S.' });
    await saving;
  });

  it('follows the provider with the daily limit and the pace, also back to "Other SMTP server"', async () => {
    const { component } = await render(null);
    component.form.controls.provider.setValue('office365');
    expect(component.form.getRawValue()).toMatchObject({ dailyLimit: 10_000, sendsPerMinute: 30 });
    component.form.controls.provider.setValue('custom');
    expect(component.form.getRawValue()).toMatchObject({ dailyLimit: 2_000, sendsPerMinute: 10 });
  });

  it('says per provider what happens to the Sent copy; Other SMTP saves one over IMAP and needs the IMAP server for it', async () => {
    const { fixture, element, component } = await render(STORED);
    const statement = () => element.querySelector('[data-testid=sent-copy-statement]')!.textContent!;
    expect(statement()).toContain('Gmail files every message sent through it in your Sent folder itself.');
    expect(element.querySelector('[data-testid=imap-host]')).toBeNull();

    component.form.controls.provider.setValue('custom');
    fixture.detectChanges();
    expect(component.form.controls.saveSentCopy.value).toBe(false);
    expect(statement()).toContain('keep no copy of what is sent over SMTP');
    component.form.controls.saveSentCopy.setValue(true);
    fixture.detectChanges();
    expect(statement()).toContain('Sendas saves the exact message to your Sent folder on your IMAP server');
    component.changingPassword.set(true); // a new server needs the password again
    component.form.patchValue({ host: 'smtp.example.com', password: 'new app password' });
    await component.save();
    http.expectNone('/api/users/me/smtp');
    expect(component.form.controls.imapHost.hasError('required')).toBe(true);

    component.form.patchValue({ imapHost: 'imap.example.com', sentFolder: 'INBOX.Sent' });
    fixture.detectChanges();
    expect(statement()).toContain('on imap.example.com over IMAP');
    const saving = component.save();
    const request = http.expectOne({ method: 'PUT', url: '/api/users/me/smtp' });
    expect(request.request.body).toMatchObject({
      provider: 'custom',
      saveSentCopy: true,
      imapHost: 'imap.example.com',
      imapPort: 993,
      imapSecurity: 'tls',
      sentFolder: 'INBOX.Sent',
      password: 'new app password',
    });
    request.flush({ ...STORED, provider: 'custom', saveSentCopy: true, imapHost: 'imap.example.com', sentFolder: 'INBOX.Sent' });
    await saving;

    component.form.controls.saveSentCopy.setValue(false);
    fixture.detectChanges();
    expect(statement()).toContain('Turn on "Save a copy to Sent"');
  });
});
