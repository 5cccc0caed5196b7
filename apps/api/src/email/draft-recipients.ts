import type { ContactDto, DocumentDetailDto, EmailDraftRecipient } from '@sendas/contracts';

const ROLE_LABELS = { primary: 'Primary contact', billing: 'Billing contact', both: 'Primary and billing contact', other: 'Contact' };

/**
 * Who a document's email goes to by default: the company's active contacts, the primary one preselected (for an
 * invoice the billing one when there is one). `addressee` is the first preselected: the draft greets them.
 */
export function draftRecipients(document: DocumentDetailDto): { recipients: EmailDraftRecipient[]; addressee: ContactDto | undefined } {
  const active = document.company.contacts.filter((contact) => contact.active);
  const wanted = document.type === 'invoice' && active.some((contact) => contact.isBilling) ? 'isBilling' : 'isPrimary';
  const recipients = active.map((contact) => {
    const role = contact.isPrimary && contact.isBilling ? 'both' : contact.isPrimary ? 'primary' : contact.isBilling ? 'billing' : 'other';
    return { email: contact.email, name: contact.name, title: contact.title, role: ROLE_LABELS[role], preselected: contact[wanted] };
  });
  return { recipients, addressee: active.find((contact) => contact[wanted]) };
}
