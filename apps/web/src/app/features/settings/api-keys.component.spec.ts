import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ApiKeyDto, UserDto } from '@sendas/contracts';
import { AuthService } from '../../core/auth.service';
import { ApiKeysComponent } from './api-keys.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const NIKKI = { id: 'nikki-id', name: 'Nikki', email: 'nikki.h@bmasiamusic.com', role: 'finance' } as UserDto;
const KEY: ApiKeyDto = {
  id: 'key-1',
  name: 'ERP invoices',
  prefix: 'sk_Xb3kQ9aZ',
  owner: { id: NIKKI.id, name: NIKKI.name, email: NIKKI.email },
  createdAt: '2026-11-26T00:00:00.000Z',
  lastUsedAt: null,
};

describe('ApiKeysComponent', () => {
  it('shows a new key once, lists keys by prefix only, and revokes after a confirmation', async () => {
    TestBed.configureTestingModule({ imports: [ApiKeysComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AuthService).user.set(NIKKI);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiKeysComponent);
    const element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/users/me/api-keys').flush([]);
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=no-api-keys]')?.textContent).toContain('no API keys yet');
    expect(element.textContent).not.toContain("Everyone's keys");

    const component = fixture.componentInstance;
    await component.create();
    http.expectNone({ method: 'POST' });

    component.form.controls.name.setValue('  ERP invoices ');
    const creating = component.create();
    const create = http.expectOne({ method: 'POST', url: '/api/users/me/api-keys' });
    expect(create.request.body).toEqual({ name: 'ERP invoices' });
    create.flush({ ...KEY, secret: 'sk_Xb3kQ9aZ-the-rest-of-the-secret' });
    await settle();
    http.expectOne('/api/users/me/api-keys').flush([KEY]);
    await creating;
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=api-key-secret]')?.textContent).toBe('sk_Xb3kQ9aZ-the-rest-of-the-secret');
    expect(element.querySelector('table')?.textContent).toContain('sk_Xb3kQ9aZ…');
    expect(element.querySelector('table')?.textContent).not.toContain('the-rest-of-the-secret');

    element.querySelector<HTMLButtonElement>('[aria-label="Revoke ERP invoices"]')!.click();
    fixture.detectChanges();
    http.expectNone({ method: 'DELETE' });
    const revoking = component.revoke(KEY);
    http.expectOne({ method: 'DELETE', url: '/api/users/me/api-keys/key-1' }).flush(null);
    await settle();
    http.expectOne('/api/users/me/api-keys').flush([]);
    await revoking;
    http.verify();
  });
});
