import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { EmailTemplateDto } from '@sendas/contracts';
import { EmailTemplatesComponent } from './email-templates.component';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** The preview is debounced: waits for its request however slow this machine is right now (up to 5 s). */
async function previewRequest(http: HttpTestingController) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const [request] = http.match('/api/email-templates/preview');
    if (request || Date.now() > deadline) return request;
    await settle(50);
  }
}
const template = (documentType: 'quote' | 'invoice', language: 'en' | 'th'): EmailTemplateDto => ({
  documentType,
  language,
  subject: `${documentType} {{document.number}}`,
  body: 'Dear {{contact.greetingName}},',
  updatedBy: null,
  updatedAt: '2026-11-26T00:00:00.000Z',
});

describe('EmailTemplatesComponent', () => {
  let http: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({ imports: [EmailTemplatesComponent], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(EmailTemplatesComponent);
    fixture.detectChanges();
    http.expectOne('/api/email-templates').flush([template('quote', 'en'), template('quote', 'th'), template('invoice', 'en')]);
    await settle();
    fixture.detectChanges();
    http
      .expectOne((request) => request.url === '/api/quotes')
      .flush({ items: [{ id: 'q1', number: 'Q-2026-0001', company: { name: 'Siam' } }], total: 1, page: 1, pageSize: 10 });
    // The sample and the loaded text each ask for a preview (the text after its debounce); on a slow machine both
    // are still open here, the older one cancelled by the newer. Past the debounce, answer whatever is open.
    await settle(450);
    const previews = http.match('/api/email-templates/preview').filter((request) => !request.cancelled);
    expect(previews.length).toBeGreaterThan(0);
    for (const preview of previews) {
      expect(preview.request.body).toEqual({
        documentType: 'quote',
        documentId: 'q1',
        subject: 'quote {{document.number}}',
        body: 'Dear {{contact.greetingName}},',
      });
      preview.flush({ subject: 'quote Q-2026-0001', body: 'Dear Khun Somchai,' });
    }
    await settle();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, component: fixture.componentInstance };
  }

  afterEach(() => http.verify());

  it('previews the template on a real document, and again after an edit', async () => {
    const { fixture, element, component } = await render();
    expect(element.querySelector('[data-testid=template-preview]')?.textContent).toContain('Dear Khun Somchai,');
    component.form.controls.body.setValue('Hello {{contact.greetingName}}!');
    const preview = await previewRequest(http);
    expect(preview).toBeDefined();
    preview!.flush({ subject: 'quote Q-2026-0001', body: 'Hello Khun Somchai!' });
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=template-preview]')?.textContent).toContain('Hello Khun Somchai!');
  });

  it("puts the server's refusal of an unknown variable under the body, and keeps the text", async () => {
    const { fixture, element, component } = await render();
    component.form.controls.body.setValue('Dear {{contact.firstName}},');
    component.form.markAsDirty();
    const saving = component.save();
    http.expectOne('/api/email-templates/quote/en').flush(
      {
        statusCode: 400,
        code: 'TEMPLATE_INVALID',
        message: 'x',
        details: [{ field: 'body', messages: ['Unknown variable {{contact.firstName}}: use one of …'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await saving;
    await settle(450);
    http.match('/api/email-templates/preview').forEach((request) => request.flush({ subject: 's', body: 'b' }));
    fixture.detectChanges();
    expect(element.textContent).toContain('Unknown variable {{contact.firstName}}');
    expect(component.form.controls.body.value).toBe('Dear {{contact.firstName}},');
  });
});
