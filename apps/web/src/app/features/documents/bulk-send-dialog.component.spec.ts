import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { BulkPreviewItem, BulkSendPreview } from '@sendas/contracts';
import { BulkSendDialogComponent, type BulkSendDialogData } from './bulk-send-dialog.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const item = (number: string, extra: Partial<BulkPreviewItem> = {}): BulkPreviewItem => ({
  documentId: `id-${number}`,
  documentNumber: number,
  companyName: 'Siam Hotel',
  to: ['napa@siam.example'],
  from: { name: 'Nikki', email: 'nikki@bmasiamusic.com', via: 'user' },
  lastSentAt: null,
  problem: null,
  ...extra,
});

const PREVIEW: BulkSendPreview = {
  documentType: 'invoice',
  alreadySent: 1,
  items: [
    item('INV-2026-0001'),
    item('INV-2026-0002', { lastSentAt: '2026-11-20T03:15:00.000Z' }),
    item('INV-2026-0003', { to: [], problem: { code: 'BULK_NO_RECIPIENTS', message: 'INV-2026-0003 (Siam Hotel) has no primary or billing contact' } }),
  ],
};

describe('BulkSendDialogComponent', () => {
  let http: HttpTestingController;
  const close = jest.fn();

  async function open(data: BulkSendDialogData) {
    TestBed.configureTestingModule({
      imports: [BulkSendDialogComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(BulkSendDialogComponent);
    const request = http.expectOne('/api/outbox/bulk/preview');
    request.flush(PREVIEW);
    await settle();
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement, component: fixture.componentInstance, previewBody: request.request.body };
  }

  afterEach(() => close.mockReset());

  it('shows each picked document with its contacts, mailbox and earlier send; leaves out the one sent before unless ticked back', async () => {
    const { fixture, element, component } = await open({ type: 'invoice', documentIds: PREVIEW.items.map((row) => row.documentId), count: 3 });
    const rows = Array.from(element.querySelectorAll('[data-testid=bulk-preview] li'));
    expect(rows.map((row) => row.getAttribute('data-number'))).toEqual(['INV-2026-0001', 'INV-2026-0002', 'INV-2026-0003']);
    expect(rows[0].textContent).toContain('To napa@siam.example');
    expect(rows[0].textContent).toContain('From Nikki <nikki@bmasiamusic.com>');
    expect(rows[1].querySelector('[data-testid=bulk-item-sent-before]')?.textContent).toContain('Already sent on 20 Nov 2026');
    expect(rows[2].querySelector('[data-testid=bulk-item-problem]')?.textContent).toContain('no primary or billing contact');
    expect([...component.ticked()]).toEqual(['id-INV-2026-0001']);
    expect(element.querySelector('[data-testid=already-sent-question]')).toBeNull();
    expect(element.querySelector('[data-testid=start-bulk]')?.textContent).toContain('Send 1');

    component.tick(PREVIEW.items[1], true);
    fixture.detectChanges();
    void component.start();
    const bulk = http.expectOne('/api/outbox/bulk');
    expect(bulk.request.body).toEqual({ documentType: 'invoice', documentIds: ['id-INV-2026-0001', 'id-INV-2026-0002'], sender: 'me', alreadySent: 'include' });
    bulk.flush({ id: 'b1' });
    await settle();
    expect(close).toHaveBeenCalledWith({ id: 'b1' });
  });

  it('a run by status asks explicitly about the documents sent before, and cannot start until answered', async () => {
    const { fixture, element, component, previewBody } = await open({ type: 'invoice', status: 'overdue', count: 3 });
    expect(previewBody).toEqual({ documentType: 'invoice', status: 'overdue', sender: 'me' });
    expect(element.querySelector('[data-testid=already-sent-question]')?.textContent).toContain('1 of these invoices was sent before');
    expect(component.canStart()).toBe(false);
    component.alreadySent.setValue('include');
    fixture.detectChanges();
    expect(component.canStart()).toBe(true);
    expect([...component.ticked()].sort()).toEqual(['id-INV-2026-0001', 'id-INV-2026-0002']);
    component.alreadySent.setValue('skip');
    expect([...component.ticked()]).toEqual(['id-INV-2026-0001']);
  });
});
