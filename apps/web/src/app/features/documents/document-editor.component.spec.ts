import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DocumentEditorComponent } from './document-editor.component';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DocumentEditorComponent (line items)', () => {
  let http: HttpTestingController;

  async function render() {
    TestBed.configureTestingModule({
      imports: [DocumentEditorComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DocumentEditorComponent);
    fixture.componentRef.setInput('type', 'quote');
    fixture.detectChanges();
    await fixture.whenStable();
    await settle(250); // the company search's debounce
    http.expectOne((request) => request.url === '/api/companies').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    return { fixture, element: fixture.nativeElement as HTMLElement, component: fixture.componentInstance };
  }

  afterEach(() => http.verify());

  function type(element: HTMLElement, selector: string, value: string) {
    const input = element.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('shows each line amount and the totals as they will be stored, discount and tax included', async () => {
    const { fixture, element } = await render();
    type(element, '[data-testid=line-0] input[formcontrolname=description]', 'Licence');
    type(element, '[data-testid=line-0] input[formcontrolname=quantity]', '3');
    type(element, '[data-testid=line-0] input[formcontrolname=unitPrice]', '19.99');
    type(element, '[data-testid=line-0] input[formcontrolname=discountPercent]', '10');
    fixture.detectChanges();
    await fixture.whenStable();
    // 3 x 19.99 = 59.97, less 10% = 53.973 -> 53.97; 7% tax 3.78
    expect(element.querySelector('[data-testid=line-0] .net')?.textContent).toContain('53.97');
    expect(element.querySelector('[data-testid=totals]')?.textContent?.replace(/\s+/g, ' ')).toContain('Total THB57.75');
  });

  it('prices yen in whole yen: a fractional price is refused there, and totals show no decimals', async () => {
    const { fixture, element, component } = await render();
    type(element, '[data-testid=line-0] input[formcontrolname=description]', 'Licence');
    type(element, '[data-testid=line-0] input[formcontrolname=quantity]', '3');
    type(element, '[data-testid=line-0] input[formcontrolname=unitPrice]', '333');
    component.form.controls.currency.setValue('JPY');
    fixture.detectChanges();
    await fixture.whenStable();
    // 999 yen, 7% tax is 69.93 -> 70 yen
    expect(element.querySelector('[data-testid=totals]')?.textContent?.replace(/\s+/g, ' ')).toContain('Total JPY1,069');
    expect(element.querySelector('[data-testid=total]')?.textContent?.trim()).toBe('1,069');

    type(element, '[data-testid=line-0] input[formcontrolname=unitPrice]', '19.99');
    component.lines.at(0).controls.unitPrice.markAsTouched();
    fixture.detectChanges();
    expect(element.textContent).toContain('A whole price: JPY has no decimals.');
    component.form.controls.currency.setValue('THB');
    fixture.detectChanges();
    expect(component.lines.at(0).controls.unitPrice.valid).toBe(true);
  });

  it('does not call the server while a line is invalid, and says what is wrong where it is', async () => {
    const { fixture, element, component } = await render();
    component.form.controls.companyId.setValue('c1');
    type(element, '[data-testid=line-0] input[formcontrolname=description]', 'Licence');
    type(element, '[data-testid=line-0] input[formcontrolname=unitPrice]', '19.999');
    type(element, '[data-testid=line-0] input[formcontrolname=discountPercent]', '120');
    await component.save();
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectNone((request) => request.method === 'POST');
    const text = element.textContent ?? '';
    expect(text).toContain('A price, up to 2 decimals.');
    expect(text).toContain('0 to 100.');
    expect(element.querySelector('[data-testid=editor-error]')?.textContent).toContain('Some fields need attention');
    expect(element.querySelector('[data-testid=totals]')?.textContent?.replace(/\s+/g, ' ')).toContain('Total THB0.00');
  });

  it("takes a price typed with a thousands separator, counts it, and saves it in the API's form", async () => {
    const { fixture, element, component } = await render();
    component.form.controls.companyId.setValue('c1');
    type(element, '[data-testid=line-0] input[formcontrolname=description]', 'Licence');
    type(element, '[data-testid=line-0] input[formcontrolname=unitPrice]', '3,200');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid=totals]')?.textContent?.replace(/\s+/g, ' ')).toContain('Total THB3,424.00');
    void component.save();
    const request = http.expectOne((each) => each.method === 'POST' && each.url === '/api/quotes');
    expect(request.request.body.lines[0]).toMatchObject({ unitPrice: '3200', quantity: '1' });
    request.flush({ message: 'stop here' }, { status: 500, statusText: 'Server Error' });
  });

  it('says which typed line is left out of the total while it cannot be priced', async () => {
    const { fixture, element } = await render();
    type(element, '[data-testid=line-0] input[formcontrolname=description]', 'Licence');
    type(element, '[data-testid=line-0] input[formcontrolname=unitPrice]', 'three thousand');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid=unpriced]')?.textContent).toContain('Not in the total yet: line 1.');
  });
});
