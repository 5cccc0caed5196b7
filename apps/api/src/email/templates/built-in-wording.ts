import { type ContactLanguage, DOCUMENT_LABELS, type DocumentType, type EmailTemplatePreview } from '@sendas/contracts';

const THAI_LABELS: Record<DocumentType, string> = { quote: 'ใบเสนอราคา', contract: 'สัญญา', invoice: 'ใบแจ้งหนี้' };

interface Facts {
  type: DocumentType;
  number: string;
  companyName: string;
  greetingName: string;
  orgName: string;
}

/**
 * Sendas's own short wording, written in code so that it cannot fail: what a draft says when the stored template of
 * its document type cannot be filled (older data), until a superuser fixes the template.
 */
export function builtInWording(language: ContactLanguage, { type, number, companyName, greetingName, orgName }: Facts): EmailTemplatePreview {
  if (language === 'th') {
    return {
      subject: `${THAI_LABELS[type]} ${number} จาก ${orgName}`,
      body: `เรียน ${greetingName}\n\nขอส่ง${THAI_LABELS[type]}เลขที่ ${number} สำหรับ ${companyName} ตามไฟล์แนบ\n\nขอแสดงความนับถือ`,
    };
  }
  const label = DOCUMENT_LABELS[type];
  return {
    subject: `${label} ${number} from ${orgName}`,
    body: `Dear ${greetingName},\n\nPlease find attached ${label.toLowerCase()} ${number} for ${companyName}.\n\nKind regards,`,
  };
}
