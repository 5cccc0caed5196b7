import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { EmailMessageDetailDto } from '@sendas/contracts';
import { EmailDetailDialogComponent } from './email-detail-dialog.component';

const SENT: EmailMessageDetailDto = {
  id: 'e1',
  documentType: 'quote',
  documentId: 'q1',
  documentNumber: 'Q-2026-0001',
  actor: { id: 'u1', name: 'Pom' },
  apiKey: null,
  sender: { id: 'u1', name: 'Pom' },
  sentVia: 'user',
  from: '"Pom" <pom@bmasiamusic.com>',
  replyTo: null,
  to: ['buyer@customer.example', 'gone@customer.example'],
  cc: [],
  bcc: [],
  accepted: ['buyer@customer.example'],
  rejected: [],
  subject: 'Quote Q-2026-0001',
  attachments: [],
  status: 'sent',
  messageId: '<m1@bmasiamusic.com>',
  smtpResponse: '250 OK',
  error: null,
  sentCopy: null,
  createdAt: '2026-11-27T03:00:00.000Z',
  completedAt: '2026-11-27T03:00:01.000Z',
  body: 'Dear buyer,',
};

describe('EmailDetailDialogComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  function render(email: EmailMessageDetailDto): HTMLElement {
    TestBed.configureTestingModule({
      imports: [EmailDetailDialogComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { documentType: 'quote', documentId: 'q1', emailId: 'e1' } },
      ],
    });
    const fixture = TestBed.createComponent(EmailDetailDialogComponent);
    TestBed.inject(HttpTestingController).expectOne('/api/quotes/q1/emails/e1').flush(email);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('names who the server refused and who got the message when it refused some recipients', () => {
    const element = render({ ...SENT, rejected: ['gone@customer.example'] });
    expect(element.querySelector('[data-testid=email-accepted]')?.textContent).toBe('buyer@customer.example');
    expect(element.querySelector('[data-testid=email-rejected]')?.textContent).toContain('gone@customer.example');
  });

  it('says nothing of refusals when every recipient was accepted', () => {
    const element = render({ ...SENT, to: ['buyer@customer.example'] });
    expect(element.querySelector('[data-testid=email-rejected]')).toBeNull();
    expect(element.querySelector('[data-testid=email-to]')?.textContent).toBe('buyer@customer.example');
  });
});
