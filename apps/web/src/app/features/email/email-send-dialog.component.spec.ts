import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import type { EmailDraft, UserDto } from '@sendas/contracts';
import { AuthService } from '../../core/auth.service';
import { EmailSendDialogComponent } from './email-send-dialog.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const DRAFT: EmailDraft = {
  from: { email: 'pom@bmasiamusic.com', name: 'Pom', via: 'user' },
  replyTo: 'pom@bmasiamusic.com',
  recipients: [
    { email: 'somchai@siam.example', name: 'Somchai Jaidee', role: 'Primary contact', title: 'GM', preselected: true },
    { email: 'accounts@siam.example', name: 'Malee Srisuk', role: 'Billing contact', title: '', preselected: false },
  ],
  subject: 'Quote Q-2026-0001 from BMAsia Music',
  body: 'Dear Somchai,\n\nPlease find attached our quote.',
  signature: 'Pom\nSales',
  attachmentName: 'Quote-Q-2026-0001.pdf',
  usage: { used: 3, limit: 500, remaining: 497, freesAt: null },
  sentCopyNote: 'Gmail files the message in the Sent folder itself.',
  pendingSends: [],
  templateProblem: null,
  saved: null,
};

const PENDING = {
  id: 's1',
  sendAt: '2026-12-08T02:00:00.000Z',
  timeZone: 'Asia/Bangkok',
  subject: 'Quote Q-2026-0001 from BMAsia Music',
  sender: { id: 'pom-id', name: 'Pom' },
};

const PENDING_COPY = { status: 'pending', detail: 'Saving a copy to Sent on imap.example.com.', code: null, at: null };

describe('EmailSendDialogComponent', () => {
  let http: HttpTestingController;
  const close = jest.fn();
  let keys: Subject<KeyboardEvent>;
  // jsdom does not lay out, so it has no scrollIntoView; the dialog calls it to show an error
  beforeAll(() => (Element.prototype.scrollIntoView = jest.fn()));

  function configure(data: object = {}): void {
    keys = new Subject<KeyboardEvent>();
    TestBed.configureTestingModule({
      imports: [EmailSendDialogComponent],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { type: 'quote', id: 'q1', number: 'Q-2026-0001', companyName: 'Siam', ...data } },
        { provide: MatDialogRef, useValue: { close, backdropClick: () => new Subject<MouseEvent>(), keydownEvents: () => keys } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  }

  async function open(draft: EmailDraft = DRAFT, asUser?: Partial<UserDto>) {
    configure();
    if (asUser) TestBed.inject(AuthService).user.set(asUser as UserDto);
    const fixture = TestBed.createComponent(EmailSendDialogComponent);
    http.expectOne('/api/quotes/q1/email-draft').flush(draft);
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, component: fixture.componentInstance };
  }

  afterEach(() => {
    close.mockReset();
    localStorage.clear();
  });

  const escape = () => keys.next(new KeyboardEvent('keydown', { key: 'Escape' }));

  it('closes at once on Escape when nothing was changed', async () => {
    await open();
    escape();
    expect(close).toHaveBeenCalledWith();
  });

  it('asks before closing a changed message, and keeps it on the server when asked to', async () => {
    const { fixture, element, component } = await open();
    component.form.controls.body.setValue('Dear Somchai, as we discussed on the phone');
    component.form.controls.body.markAsDirty();
    component.form.controls.body.updateValueAndValidity();
    escape();
    fixture.detectChanges();
    expect(close).not.toHaveBeenCalled();
    expect(element.querySelector('[data-testid=ask-close]')?.textContent).toContain('Keep this message to finish later?');

    const keeping = component.keepAndClose();
    const request = http.expectOne({ method: 'PUT', url: '/api/quotes/q1/email-draft/saved' });
    expect(request.request.body).toMatchObject({ body: 'Dear Somchai, as we discussed on the phone', selected: ['somchai@siam.example'], extra: [] });
    request.flush({ ...request.request.body, updatedAt: '2026-12-08T03:00:00.000Z' });
    await keeping;
    expect(close).toHaveBeenCalled();
  });

  it('asks before closing when only a recipient was added', async () => {
    const { fixture, element, component } = await open();
    const input = document.createElement('input');
    component.add('extra', { value: 'gm@siam.example', chipInput: { inputElement: input } } as never);
    escape();
    fixture.detectChanges();
    expect(close).not.toHaveBeenCalled();
    expect(element.querySelector('[data-testid=ask-close]')).not.toBeNull();
  });

  it('brings back the unsent message with its recipients, and starts again from the template when asked', async () => {
    const saved = {
      subject: 'Our offer',
      body: 'Typed before',
      selected: ['accounts@siam.example'],
      extra: ['gm@siam.example'],
      cc: [],
      bcc: [],
      onBehalfOfUserId: null,
      updatedAt: '2026-12-08T02:00:00.000Z',
    };
    const { fixture, element, component } = await open({ ...DRAFT, saved });
    expect(component.form.getRawValue()).toMatchObject({ subject: 'Our offer', body: 'Typed before', selected: ['accounts@siam.example'] });
    expect(component.lists.extra()).toEqual(['gm@siam.example']);
    expect(element.querySelector('[data-testid=draft-restored]')?.textContent).toContain('Your unsent message from');

    const again = component.startAgain();
    http.expectOne({ method: 'DELETE', url: '/api/quotes/q1/email-draft/saved' }).flush(null);
    await again;
    fixture.detectChanges();
    expect(component.form.getRawValue()).toMatchObject({ subject: DRAFT.subject, body: DRAFT.body, selected: ['somchai@siam.example'] });
    expect(component.lists.extra()).toEqual([]);
    expect(element.querySelector('[data-testid=draft-restored]')).toBeNull();
  });

  it('says whose mailbox it goes from and preselects the primary contact only', async () => {
    const { element, component } = await open();
    expect(element.querySelector('[data-testid=sender-banner]')?.textContent).toContain('Sending as Pom <pom@bmasiamusic.com> from your own mailbox');
    expect(component.form.controls.selected.value).toEqual(['somchai@siam.example']);
    const boxes = Array.from(element.querySelectorAll<HTMLInputElement>('mat-checkbox input[type=checkbox]'));
    expect(boxes.map((box) => box.checked).slice(0, 2)).toEqual([true, false]);
    expect(element.textContent).toContain('497 of 500 messages left today');
  });

  it('shows why the draft has the built-in wording when the template cannot be filled, and still sends it', async () => {
    const message =
      "The quote email template (en) cannot be filled (…), so this draft has Sendas's built-in wording. A superuser can fix the template under Email templates.";
    const { element, component } = await open({
      ...DRAFT,
      subject: 'Quote Q-2026-0001 from BMAsia Music',
      templateProblem: { code: 'TEMPLATE_UNUSABLE', language: 'en', message },
    });
    expect(element.querySelector('[data-testid=template-problem]')?.textContent).toContain('built-in wording');
    expect(component.form.controls.subject.value).toBe('Quote Q-2026-0001 from BMAsia Music');
    expect((element.querySelector('[data-testid=send-button]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('explains the company-account fallback when the user has no mailbox', async () => {
    const companyNote = "The company account puts no copy in anyone's Sent folder: the email log in Sendas is the record of this send.";
    const { element } = await open({
      ...DRAFT,
      from: { email: 'sales@bmasiamusic.com', name: 'BMAsia', via: 'system' },
      usage: null,
      sentCopyNote: companyNote,
    });
    expect(element.querySelector('[data-testid=sender-banner]')?.textContent).toContain('No mailbox of your own is set up');
    // no Sent copy is promised
    expect(element.querySelector('[data-testid=sent-copy-note]')?.textContent).toContain(companyNote);
    expect(element.textContent).toContain('Set up your mailbox');
  });

  it('reloads the draft as the chosen sender on behalf (mailbox, Reply-To, signature, usage), keeping what the user typed', async () => {
    const norbertDraft = {
      ...DRAFT,
      from: { email: 'sales@bmasiamusic.com', name: 'BMAsia', via: 'system' as const },
      replyTo: 'norbert@bmasiamusic.com',
      signature: 'Norbert',
      usage: null,
    };
    const { fixture, element, component } = await open(norbertDraft, { id: 'norbert-id', name: 'Norbert', role: 'superuser' });
    http.expectOne('/api/users/directory').flush([{ id: 'pom-id', name: 'Pom', email: 'pom@bmasiamusic.com', role: 'sales' }]);
    await settle();
    fixture.detectChanges();
    component.form.controls.body.setValue('Dear Somchai,\n\nAs discussed on the phone.');
    component.form.controls.body.markAsDirty();

    component.form.controls.onBehalfOfUserId.setValue('pom-id');
    const reload = http.expectOne((request) => request.url === '/api/quotes/q1/email-draft' && request.params.get('onBehalfOfUserId') === 'pom-id');
    expect(component.reloading()).toBe(true);
    reload.flush({ ...DRAFT, subject: 'Quote Q-2026-0001 from Pom' });
    await settle();
    fixture.detectChanges();
    const banner = element.querySelector('[data-testid=sender-banner]')!.textContent!;
    expect(banner).toContain('Sending on behalf of Pom as Pom <pom@bmasiamusic.com>');
    expect(banner).not.toContain('your own mailbox');
    expect(element.textContent).toContain("497 of 500 messages left today in Pom's mailbox");
    expect(element.textContent).toContain("Pom's signature is added below it.");
    expect(component.form.controls.subject.value).toBe('Quote Q-2026-0001 from Pom');
    expect(component.form.controls.body.value).toContain('As discussed on the phone.');
    http.verify();
  });

  it("sends an admin's send of someone else's document on the owner's behalf by default, and offers each person once", async () => {
    configure({ owner: { id: 'ploy-id', name: 'Ploy' } });
    TestBed.inject(AuthService).user.set({ id: 'norbert-id', name: 'Norbert', role: 'superuser' } as UserDto);
    const fixture = TestBed.createComponent(EmailSendDialogComponent);
    const element = fixture.nativeElement as HTMLElement;
    // Ploy has no mailbox of her own: the draft goes from the company account with replies to her
    http
      .expectOne((request) => request.url === '/api/quotes/q1/email-draft' && request.params.get('onBehalfOfUserId') === 'ploy-id')
      .flush({ ...DRAFT, from: { email: 'sales@bmasiamusic.com', name: 'BMAsia', via: 'system' }, replyTo: 'ploy@bmasiamusic.com', usage: null });
    http.expectOne('/api/users/directory').flush([
      { id: 'norbert-id', name: 'Norbert', email: 'norbert@bmasiamusic.com', role: 'superuser' },
      { id: 'ploy-id', name: 'Ploy', email: 'ploy@bmasiamusic.com', role: 'sales' },
    ]);
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=sender-banner]')?.textContent).toContain('Ploy has no mailbox of their own');
    expect(element.querySelector('[data-testid=sender-hint]')?.textContent).toBe(
      'Ploy has no mailbox of their own: it goes out through the company account, replies go to Ploy, and the log records you both.',
    );
    expect(fixture.componentInstance.others().map((person) => person.name)).toEqual(['Ploy']);
    expect(fixture.componentInstance.myName()).toBe('Norbert');

    fixture.componentInstance.form.controls.onBehalfOfUserId.setValue('');
    http.expectOne('/api/quotes/q1/email-draft').flush({ ...DRAFT, from: { email: 'sales@bmasiamusic.com', name: 'BMAsia', via: 'system' }, usage: null });
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=sender-hint]')?.textContent).toBe('Goes out through the company account; replies come to you.');
    http.verify();
  });

  it("keeps oneself as the sender on one's own document, and for a salesperson", async () => {
    configure({ owner: { id: 'pom-id', name: 'Pom' } });
    TestBed.inject(AuthService).user.set({ id: 'pom-id', name: 'Pom', role: 'sales' } as UserDto);
    TestBed.createComponent(EmailSendDialogComponent);
    http.expectOne('/api/quotes/q1/email-draft').flush(DRAFT);
    http.expectNone('/api/users/directory');
    http.verify();
  });

  it('shows the draft of the sender chosen last when an earlier draft answers after it', async () => {
    const { fixture, element, component } = await open(DRAFT, { id: 'norbert-id', name: 'Norbert', role: 'superuser' });
    http.expectOne('/api/users/directory').flush([
      { id: 'pom-id', name: 'Pom', email: 'pom@bmasiamusic.com', role: 'sales' },
      { id: 'keith-id', name: 'Keith', email: 'keith@bmasiamusic.com', role: 'sales' },
    ]);
    component.form.controls.onBehalfOfUserId.setValue('pom-id');
    component.form.controls.onBehalfOfUserId.setValue('keith-id');
    const forPom = http.expectOne((request) => request.params.get('onBehalfOfUserId') === 'pom-id');
    const forKeith = http.expectOne((request) => request.params.get('onBehalfOfUserId') === 'keith-id');
    forKeith.flush({ ...DRAFT, from: { email: 'keith@bmasiamusic.com', name: 'Keith', via: 'user' } });
    await settle();
    forPom.flush({ ...DRAFT, from: { email: 'pom@bmasiamusic.com', name: 'Pom', via: 'user' } });
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=sender-banner]')?.textContent).toContain('keith@bmasiamusic.com');
    expect(component.reloading()).toBe(false);
    http.verify();
  });

  it('offers "Try again" when the server failed or was not reached, not when it refused', async () => {
    configure();
    const fixture = TestBed.createComponent(EmailSendDialogComponent);
    const element = fixture.nativeElement as HTMLElement;
    http
      .expectOne('/api/quotes/q1/email-draft')
      .flush({ statusCode: 403, code: 'DOCUMENT_READ_ONLY', message: 'You may read Q-2026-0001 but not send it.' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=load-error]')?.textContent).toContain('not send it');
    expect(element.querySelector('[data-testid=load-error] button')).toBeNull();

    void fixture.componentInstance.load();
    http.expectOne('/api/quotes/q1/email-draft').error(new ProgressEvent('error'), { status: 0 });
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=load-error] button')?.textContent).toContain('Try again');
    http.verify();
  });

  it('refuses to send without a recipient or with an invalid extra address, without calling the server', async () => {
    const { fixture, element, component } = await open();
    component.toggle('somchai@siam.example', false);
    await component.send();
    fixture.detectChanges();
    http.expectNone('/api/quotes/q1/send');
    expect(element.textContent).toContain('Choose at least one recipient.');

    const input = document.createElement('input');
    component.add('extra', { value: 'not-an-address', chipInput: { inputElement: input } } as never);
    fixture.detectChanges();
    expect(element.textContent).toContain('"not-an-address" is not an email address');
    expect(component.lists.extra()).toEqual([]);
    expect(input.value).toBe('not-an-address'); // left there to fix
  });

  it('turns a pasted list into one recipient per address, and keeps what is not one in the field', async () => {
    const { fixture, element, component } = await open();
    const input = document.createElement('input');
    const pasted = 'a@x.example, b@x.example;\nc@x.example typo@ a@x.example';
    const event = { target: input, preventDefault: jest.fn(), clipboardData: { getData: () => pasted } };
    component.paste('cc', event as unknown as ClipboardEvent);
    fixture.detectChanges();
    expect(event.preventDefault).toHaveBeenCalled();
    expect(component.lists.cc()).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
    expect(input.value).toBe('typo@');
    expect(element.textContent).toContain('"typo@" is not an email address');
  });

  it('sends once with an Idempotency-Key even when Send is pressed twice, then closes with the result', async () => {
    const { component } = await open();
    const first = component.send();
    const second = component.send();
    const request = http.expectOne('/api/quotes/q1/send');
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.request.body).toMatchObject({ recipients: ['somchai@siam.example'], attachPdf: true, subject: DRAFT.subject });
    request.flush({ emailId: 'e1', messageId: '<m1>', from: 'Pom', sentVia: 'user', accepted: ['somchai@siam.example'], rejected: [], sentCopy: PENDING_COPY });
    await Promise.all([first, second]);
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ emailId: 'e1' }));
  });

  it("asks before sending a document that is already scheduled: the pending send in the viewer's zone, cancel it or keep it", async () => {
    const { fixture, element, component } = await open(
      { ...DRAFT, pendingSends: [PENDING] },
      { id: 'pom-id', name: 'Pom', role: 'sales', timeZone: 'Asia/Bangkok' },
    );
    expect(element.querySelector('[data-testid=pending-sends]')?.textContent).toContain(
      'already scheduled to go out 8 Dec 2026, 09:00 (Asia/Bangkok), from Pom',
    );
    expect(element.querySelector('[data-testid=send-button]')).toBeNull();
    await component.send(); // Enter in a field asks nothing of the server: the buttons ask first
    http.expectNone('/api/quotes/q1/send');
    element.querySelector<HTMLButtonElement>('[data-testid=send-cancel-pending]')!.click();
    const request = http.expectOne('/api/quotes/q1/send');
    expect(request.request.body).toMatchObject({ pendingSends: 'cancel' });
    request.flush({ emailId: 'e1', messageId: '<m1>', from: 'Pom', sentVia: 'user', accepted: ['somchai@siam.example'], rejected: [], sentCopy: PENDING_COPY });
    await settle();
    fixture.detectChanges();
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ emailId: 'e1' }));
  });

  it('shows a send scheduled meanwhile when the server answers SCHEDULED_SEND_PENDING, then sends with the choice made', async () => {
    const { fixture, element, component } = await open();
    const sending = component.send();
    http
      .expectOne('/api/quotes/q1/send')
      .flush(
        { statusCode: 409, code: 'SCHEDULED_SEND_PENDING', message: 'Q-2026-0001 is already scheduled.', details: { pending: [PENDING] } },
        { status: 409, statusText: 'Conflict' },
      );
    await sending;
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=pending-sends]')).not.toBeNull();
    element.querySelector<HTMLButtonElement>('[data-testid=send-keep-pending]')!.click();
    expect(http.expectOne('/api/quotes/q1/send').request.body).toMatchObject({ pendingSends: 'keep' });
  });

  it("keeps the dialog open with the server's message and code, and offers mail settings for a mailbox problem", async () => {
    const { fixture, element, component } = await open();
    const sending = component.send();
    http
      .expectOne('/api/quotes/q1/send')
      .flush(
        { statusCode: 502, code: 'SMTP_AUTH_FAILED', message: 'Gmail rejected the password for pom@bmasiamusic.com.' },
        { status: 502, statusText: 'Bad Gateway' },
      );
    await sending;
    fixture.detectChanges();
    const error = element.querySelector('[data-testid=send-error]')!;
    expect(error.textContent).toContain('Gmail rejected the password');
    expect(error.textContent).toContain('SMTP_AUTH_FAILED');
    expect(error.textContent).toContain('Open mail settings');
    expect(close).not.toHaveBeenCalled();
  });

  it('after "may have been delivered", Send again replays the same key; only the explicit new-copy button uses a new one', async () => {
    const { fixture, element, component } = await open();
    const unknown = { statusCode: 502, code: 'SEND_OUTCOME_UNKNOWN', message: 'The connection broke after the whole message was handed over.' };
    const first = component.send();
    const firstRequest = http.expectOne('/api/quotes/q1/send');
    const firstKey = firstRequest.request.headers.get('Idempotency-Key');
    firstRequest.flush(unknown, { status: 502, statusText: 'Bad Gateway' });
    await first;
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=send-error]')?.textContent).toContain('check your Sent folder before sending again');

    const again = component.send();
    const againRequest = http.expectOne('/api/quotes/q1/send');
    expect(againRequest.request.headers.get('Idempotency-Key')).toBe(firstKey);
    againRequest.flush(unknown, { status: 502, statusText: 'Bad Gateway' });
    await again;
    fixture.detectChanges();

    element.querySelector<HTMLButtonElement>('[data-testid=send-new-copy]')!.click();
    const copy = http.expectOne('/api/quotes/q1/send');
    expect(copy.request.headers.get('Idempotency-Key')).not.toBe(firstKey);
    copy.flush({ emailId: 'e2', messageId: '<m2>', from: 'Pom', sentVia: 'user', accepted: ['somchai@siam.example'], rejected: [], sentCopy: PENDING_COPY });
    await settle();
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ emailId: 'e2' }));
    http.verify();
  });

  it('after a failure that sent nothing, the next Send is a new message with a new key', async () => {
    const { component } = await open();
    const first = component.send();
    const firstRequest = http.expectOne('/api/quotes/q1/send');
    firstRequest.flush(
      { statusCode: 502, code: 'SMTP_TEMPORARY_FAILURE', message: 'Try later. Nothing was sent.' },
      { status: 502, statusText: 'Bad Gateway' },
    );
    await first;
    const second = component.send();
    const secondRequest = http.expectOne('/api/quotes/q1/send');
    expect(secondRequest.request.headers.get('Idempotency-Key')).not.toBe(firstRequest.request.headers.get('Idempotency-Key'));
    secondRequest.flush({ emailId: 'e3', messageId: '<m3>', from: 'Pom', sentVia: 'user', accepted: [], rejected: [] });
    await second;
    http.verify();
  });
});
