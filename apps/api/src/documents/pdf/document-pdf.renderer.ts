import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { DOCUMENT_LABELS, type DocumentDetailDto } from '@sendas/contracts';
import { countryName, longDate } from '../format';
import { formatAmount } from '../money';

/**
 * Sarabun covers Latin (with accents) and Thai, so customer names render as typed. Parsed once: pdfkit takes
 * a fontkit font as it is, and parsing the TTF on every render cost most of a render's time.
 */
const loadFont = (path: string) => fontkit.create(readFileSync(require.resolve(path))) as unknown as ArrayBuffer; // pdfkit accepts fontkit fonts
const FONT_REGULAR = loadFont('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf');
const FONT_BOLD = loadFont('@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf');

/**
 * Shaped words (fontkit layout, scaled by pdfkit) kept across renders: pdfkit keeps them per document only, and
 * shaping the same labels, names and numbers again was a third of a render. pdfkit reads a font's `layoutCache`
 * (an internal of its EmbeddedFont, as of pdfkit 0.17): each render's fonts get the shared one. Dropped whole when
 * it grows past SHAPED_WORDS_KEPT (an LRU would need pdfkit to take a Map).
 */
const SHAPED_WORDS_KEPT = 20_000;
const shapedWords: Record<'body' | 'bold', Record<string, unknown>> = { body: Object.create(null), bold: Object.create(null) };

function shareShapedWords(pdf: PDFKit.PDFDocument, font: 'body' | 'bold'): void {
  if (Object.keys(shapedWords[font]).length > SHAPED_WORDS_KEPT) shapedWords[font] = Object.create(null);
  pdf.font(font);
  (pdf as unknown as { _font: { layoutCache?: Record<string, unknown> } })._font.layoutCache = shapedWords[font];
}

const ACCENT = '#FFA500';
const INK = '#1f1f1f';
const MUTED = '#666666';
const MARGIN = 50;
const PAGE_BOTTOM = 842 - 70; // A4 height minus room for the footer

/** Columns of the line-item table: x and width in points. */
const COLUMNS = {
  index: { x: MARGIN, width: 24 },
  description: { x: MARGIN + 26, width: 225 },
  quantity: { x: MARGIN + 255, width: 50 },
  unitPrice: { x: MARGIN + 307, width: 70 },
  taxRate: { x: MARGIN + 379, width: 40 },
  amount: { x: MARGIN + 421, width: 74 },
};

/** `Quote-Q-2026-0001.pdf` */
export interface Issuer {
  name: string;
  address: string;
}

/**
 * A branded A4 PDF for a quote, contract or invoice. Deterministic: the same document (same updatedAt)
 * gives the same bytes, because the creation date and file id derive from the document, not the clock.
 */
export function renderDocumentPdf(document: DocumentDetailDto, issuer: Issuer): Promise<Buffer> {
  const label = DOCUMENT_LABELS[document.type];
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // Without this pdfkit parses and embeds Helvetica on every render; all text here is set in Sarabun.
    font: null as unknown as string,
    info: {
      Title: `${label} ${document.number}`,
      Author: issuer.name,
      Subject: `${label} for ${document.company.name}`,
      Creator: 'Sendas',
      Producer: 'Sendas',
      CreationDate: new Date(document.updatedAt),
      ModDate: new Date(document.updatedAt),
    },
  });
  pdf.registerFont('body', FONT_REGULAR);
  pdf.registerFont('bold', FONT_BOLD);
  shareShapedWords(pdf, 'body');
  shareShapedWords(pdf, 'bold');
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  letterhead(pdf, document, issuer, label);
  addressBlock(pdf, document);
  lineItems(pdf, document);
  totalsAndTerms(pdf, document);
  footers(pdf, document, issuer, label);
  pdf.end();
  return done;
}

function letterhead(pdf: PDFKit.PDFDocument, document: DocumentDetailDto, issuer: Issuer, label: string): void {
  pdf.rect(0, 0, pdf.page.width, 8).fill(ACCENT);
  pdf.fillColor(INK).font('bold').fontSize(18).text(issuer.name, MARGIN, 32, { width: 260 });
  if (issuer.address)
    pdf
      .font('body')
      .fontSize(9)
      .fillColor(MUTED)
      .text(issuer.address, MARGIN, pdf.y + 2, { width: 260 });

  pdf.font('bold').fontSize(22).fillColor(INK).text(label.toUpperCase(), 300, 30, { width: 245, align: 'right' });
  pdf.font('body').fontSize(10).fillColor(INK).text(document.number, 300, pdf.y, { width: 245, align: 'right' });
  const facts: Array<[string, string]> = [
    ['Issued', longDate(document.issueDate)],
    ...(document.validUntil ? [['Valid until', longDate(document.validUntil)] as [string, string]] : []),
    ...(document.startDate ? [['Period', `${longDate(document.startDate)} – ${longDate(document.endDate)}`] as [string, string]] : []),
    ...(document.dueDate ? [['Due', longDate(document.dueDate)] as [string, string]] : []),
  ];
  pdf.fontSize(9).fillColor(MUTED);
  for (const [name, value] of facts) pdf.text(`${name}: ${value}`, 300, pdf.y + 1, { width: 245, align: 'right' });
  pdf.moveDown(1.5);
}

function addressBlock(pdf: PDFKit.PDFDocument, document: DocumentDetailDto): void {
  const top = Math.max(pdf.y, 130);
  const contact =
    document.company.contacts.find((c) => c.active && (document.type === 'invoice' ? c.isBilling : c.isPrimary)) ??
    document.company.contacts.find((c) => c.active && c.isPrimary);
  pdf
    .font('bold')
    .fontSize(9)
    .fillColor(MUTED)
    .text(document.type === 'invoice' ? 'BILL TO' : 'PREPARED FOR', MARGIN, top);
  pdf
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(document.company.name, MARGIN, pdf.y + 2, { width: 280 });
  pdf.font('body').fontSize(10);
  if (document.company.billingAddress) pdf.text(document.company.billingAddress, { width: 280 });
  pdf.text(countryName(document.company.country));
  if (contact) pdf.fillColor(MUTED).text(`Attn: ${contact.name}${contact.title ? `, ${contact.title}` : ''} · ${contact.email}`, { width: 280 });
  const leftBottom = pdf.y;

  pdf.font('bold').fontSize(9).fillColor(MUTED).text('YOUR CONTACT', 350, top, { width: 195 });
  pdf
    .font('body')
    .fontSize(10)
    .fillColor(INK)
    .text(document.owner.name, 350, pdf.y + 2, { width: 195 });
  pdf.fillColor(MUTED).text(document.owner.email, 350, pdf.y, { width: 195 });
  if (document.owner.phone) pdf.text(document.owner.phone, 350, pdf.y, { width: 195 });
  pdf.y = Math.max(leftBottom, pdf.y) + 18;
}

function tableHeader(pdf: PDFKit.PDFDocument, currency: string): void {
  const y = pdf.y;
  pdf.rect(MARGIN, y - 4, 495, 20).fill('#FFF4E0');
  pdf.font('bold').fontSize(9).fillColor(INK);
  pdf.text('#', COLUMNS.index.x, y, { width: COLUMNS.index.width });
  pdf.text('Description', COLUMNS.description.x, y, { width: COLUMNS.description.width });
  pdf.text('Qty', COLUMNS.quantity.x, y, { width: COLUMNS.quantity.width, align: 'right' });
  pdf.text('Unit price', COLUMNS.unitPrice.x, y, { width: COLUMNS.unitPrice.width, align: 'right' });
  pdf.text('Tax', COLUMNS.taxRate.x, y, { width: COLUMNS.taxRate.width, align: 'right' });
  pdf.text(`Amount ${currency}`, COLUMNS.amount.x, y, { width: COLUMNS.amount.width, align: 'right' });
  pdf.y = y + 22;
}

function lineItems(pdf: PDFKit.PDFDocument, document: DocumentDetailDto): void {
  tableHeader(pdf, document.currency);
  pdf.font('body').fontSize(9.5);
  for (const line of document.lines) {
    // A discount is printed under the description, so the columns stay as they are for undiscounted documents.
    const description = Number(line.discountPercent) > 0 ? `${line.description}\nLess ${Number(line.discountPercent)}% discount` : line.description;
    const height = Math.max(pdf.heightOfString(description, { width: COLUMNS.description.width }), 12) + 6;
    if (pdf.y + height > PAGE_BOTTOM) {
      pdf.addPage();
      pdf.y = MARGIN;
      tableHeader(pdf, document.currency);
      pdf.font('body').fontSize(9.5);
    }
    const y = pdf.y;
    pdf.fillColor(MUTED).text(String(line.position), COLUMNS.index.x, y, { width: COLUMNS.index.width });
    pdf.fillColor(INK).text(description, COLUMNS.description.x, y, { width: COLUMNS.description.width });
    pdf.text(trimQuantity(line.quantity), COLUMNS.quantity.x, y, { width: COLUMNS.quantity.width, align: 'right' });
    pdf.text(formatAmount(line.unitPrice, document.currency), COLUMNS.unitPrice.x, y, { width: COLUMNS.unitPrice.width, align: 'right' });
    pdf.text(`${Number(line.taxRate)}%`, COLUMNS.taxRate.x, y, { width: COLUMNS.taxRate.width, align: 'right' });
    pdf.text(formatAmount(line.netAmount, document.currency), COLUMNS.amount.x, y, { width: COLUMNS.amount.width, align: 'right' });
    pdf
      .moveTo(MARGIN, y + height - 3)
      .lineTo(MARGIN + 495, y + height - 3)
      .lineWidth(0.5)
      .strokeColor('#E5E5E5')
      .stroke();
    pdf.y = y + height;
  }
}

function totalsAndTerms(pdf: PDFKit.PDFDocument, document: DocumentDetailDto): void {
  if (pdf.y + 120 > PAGE_BOTTOM) {
    pdf.addPage();
    pdf.y = MARGIN;
  }
  const rows: Array<[string, string, boolean]> = [
    ['Subtotal', formatAmount(document.subtotal, document.currency), false],
    ['Tax', formatAmount(document.taxTotal, document.currency), false],
    [`Total ${document.currency}`, formatAmount(document.total, document.currency), true],
  ];
  let y = pdf.y + 8;
  for (const [name, value, strong] of rows) {
    pdf
      .font(strong ? 'bold' : 'body')
      .fontSize(strong ? 12 : 10)
      .fillColor(INK);
    pdf.text(name, 330, y, { width: 110, align: 'right' });
    pdf.text(value, 445, y, { width: 100, align: 'right' });
    y += strong ? 20 : 15;
  }
  pdf
    .moveTo(330, y - 22)
    .lineTo(545, y - 22)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();
  pdf.y = y + 10;

  const terms = [
    document.validUntil ? `This quote is valid until ${longDate(document.validUntil)}.` : '',
    document.startDate ? `Contract period: ${longDate(document.startDate)} to ${longDate(document.endDate)}.` : '',
    document.dueDate ? `Payment is due by ${longDate(document.dueDate)}. Please quote ${document.number} with your payment.` : '',
    document.notes,
  ].filter(Boolean);
  if (terms.length) {
    pdf.font('bold').fontSize(9).fillColor(MUTED).text('TERMS', MARGIN, pdf.y);
    pdf
      .font('body')
      .fontSize(9.5)
      .fillColor(INK)
      .text(terms.join('\n'), MARGIN, pdf.y + 2, { width: 495 });
  }
}

function footers(pdf: PDFKit.PDFDocument, document: DocumentDetailDto, issuer: Issuer, label: string): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    pdf.page.margins.bottom = 0; // the footer sits below the text area; without this it would open a new page
    pdf.font('body').fontSize(8).fillColor(MUTED);
    pdf.text(`${issuer.name} · ${label} ${document.number} · Page ${index + 1} of ${count}`, MARGIN, 842 - 40, {
      width: 495,
      align: 'center',
      lineBreak: false,
    });
  }
}

/** "3.000" → "3", "1.500" → "1.5". */
function trimQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
