import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OrganisationSettingsDto } from '@sendas/contracts';
import { OrganisationComponent } from './organisation.component';

const settings = (extra: Partial<OrganisationSettingsDto> = {}): OrganisationSettingsDto => ({
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5],
  updatedAt: null,
  updatedBy: null,
  ...extra,
});

describe('OrganisationComponent', () => {
  async function shown(dto: OrganisationSettingsDto) {
    TestBed.configureTestingModule({ imports: [OrganisationComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OrganisationComponent);
    fixture.detectChanges();
    http.expectOne('/api/organisation').flush(dto);
    await fixture.whenStable();
    fixture.detectChanges();
    return { http, fixture, component: fixture.componentInstance, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the zone and working week, and saves the days ticked in week order', async () => {
    const { http, fixture, component, element } = await shown(settings());
    expect(component.form.controls.timeZone.value).toBe('UTC');
    expect(component.hasUnsavedChanges()).toBe(false);
    component.form.controls.timeZone.setValue('Asia/Bangkok');
    component.form.controls.workingDays.controls['6'].setValue(true);
    component.form.markAsDirty();
    expect(component.hasUnsavedChanges()).toBe(true);

    const saving = component.save();
    const request = http.expectOne({ method: 'PUT', url: '/api/organisation' });
    expect(request.request.body).toEqual({ timeZone: 'Asia/Bangkok', workingDays: [1, 2, 3, 4, 5, 6] });
    request.flush(
      settings({ timeZone: 'Asia/Bangkok', workingDays: [1, 2, 3, 4, 5, 6], updatedAt: '2026-12-08T03:00:00.000Z', updatedBy: { id: 'n', name: 'Norbert' } }),
    );
    await saving;
    await fixture.whenStable();
    fixture.detectChanges();
    expect(component.hasUnsavedChanges()).toBe(false);
    expect(element.textContent).toContain('by Norbert');
    http.verify();
  });

  it('refuses a week without a working day before asking the server', async () => {
    const { http, component, element, fixture } = await shown(settings({ workingDays: [1] }));
    component.form.controls.workingDays.controls['1'].setValue(false);
    fixture.detectChanges();
    await component.save();
    expect(element.textContent).toContain('Tick at least one working day.');
    http.expectNone({ method: 'PUT', url: '/api/organisation' });
    http.verify();
  });
});
