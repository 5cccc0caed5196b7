import { PDFParse } from 'pdf-parse';

/** The text of a PDF (pages joined without markers) and its number of pages. */
export async function pdfText(data: Buffer): Promise<{ text: string; numpages: number }> {
  const parser = new PDFParse({ data });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    return { text: result.text, numpages: result.total };
  } finally {
    await parser.destroy();
  }
}
