import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UserDto } from '@sendas/contracts';
import { AuthService } from '../core/auth.service';
import { deviceTimeZone } from '../shared/time-zones';
import { ZoneOfferComponent } from './zone-offer.component';

/** A zone other than this machine's, so the offer has something to offer. */
const ELSEWHERE = deviceTimeZone() === 'Asia/Bangkok' ? 'Europe/Berlin' : 'Asia/Bangkok';
const user = (timeZone: string) => ({ id: 'pom', name: 'Pom', email: 'pom@bmasiamusic.com', role: 'sales', timeZone }) as UserDto;

describe('ZoneOfferComponent', () => {
  beforeEach(() => localStorage.clear());

  function render(timeZone: string) {
    TestBed.configureTestingModule({ imports: [ZoneOfferComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AuthService).user.set(user(timeZone));
    const fixture = TestBed.createComponent(ZoneOfferComponent);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
  }

  it('offers the browser’s zone when the profile is in another, and switches the profile to it', async () => {
    const { fixture, element, http } = render(ELSEWHERE);
    expect(element.querySelector('[data-testid=zone-offer]')?.textContent).toContain(`This browser is in ${deviceTimeZone()}`);
    const use = Array.from(element.querySelectorAll('button')).find((button) => button.textContent?.includes(`Use ${deviceTimeZone()}`))!;
    use.click();
    const request = http.expectOne({ method: 'PATCH', url: '/api/users/me' });
    expect(request.request.body).toEqual({ timeZone: deviceTimeZone() });
    request.flush(user(deviceTimeZone()));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=zone-offer]')).toBeNull();
    http.verify();
  });

  it('says nothing when the zones match, and does not ask again once the user keeps theirs', () => {
    expect(render(deviceTimeZone()).element.querySelector('[data-testid=zone-offer]')).toBeNull();
    TestBed.resetTestingModule();
    const { fixture, element } = render(ELSEWHERE);
    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.includes(`Keep ${ELSEWHERE}`))!
      .click();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=zone-offer]')).toBeNull();
    TestBed.resetTestingModule();
    expect(render(ELSEWHERE).element.querySelector('[data-testid=zone-offer]')).toBeNull();
  });
});
