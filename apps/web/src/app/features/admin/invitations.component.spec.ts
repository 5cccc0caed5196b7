import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { InvitationDto } from '@sendas/contracts';
import { InvitationsComponent } from './invitations.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const invitation = (id: string, extra: Partial<InvitationDto>): InvitationDto => ({
  id,
  purpose: 'mailbox_connect',
  user: { id: `u-${id}`, name: 'Pom', email: 'pom@bmasiamusic.com' },
  provider: 'google',
  status: 'pending',
  createdBy: { id: 'n', name: 'Norbert' },
  createdAt: '2026-12-07T03:00:00.000Z',
  expiresAt: '2026-12-14T03:00:00.000Z',
  settledAt: null,
  ...extra,
});

describe('InvitationsComponent', () => {
  it('lists the links given out, and revokes a waiting one after asking', async () => {
    TestBed.configureTestingModule({ imports: [InvitationsComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(InvitationsComponent);
    http
      .expectOne('/api/invitations')
      .flush([
        invitation('a', {}),
        invitation('b', { status: 'used', user: { id: 'k', name: 'Keith', email: 'keith@bmasiamusic.com' }, settledAt: '2026-12-08T03:00:00.000Z' }),
      ]);
    await settle();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const rows = Array.from(element.querySelectorAll('tr[data-invitation]'));
    expect(rows.map((row) => row.querySelector('[data-status]')?.getAttribute('data-status'))).toEqual(['pending', 'used']);
    expect(rows[0].textContent).toContain('Connect with Google');
    expect(rows[0].textContent).toContain('Norbert');
    expect(rows[1].querySelector('[data-testid=revoke-invitation]')).toBeNull();

    rows[0].querySelector<HTMLButtonElement>('[data-testid=revoke-invitation]')!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid=confirm]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the dialog's closing animation
    http.expectOne({ method: 'POST', url: '/api/invitations/a/revoke' }).flush(invitation('a', { status: 'revoked', settledAt: '2026-12-07T04:00:00.000Z' }));
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('tr[data-invitation=a] [data-status]')?.getAttribute('data-status')).toBe('revoked');
    http.verify();
  });
});
