import MailComposer from 'nodemailer/lib/mail-composer';
import type { Readable } from 'node:stream';
import type { OutgoingMessage } from './transport-resolver';

/** What a transport submits: the envelope and the message's exact bytes. */
export interface Submission {
  envelope: { from: string; to: string[] };
  raw: Readable;
}

/**
 * A message built once into MIME, so its Message-ID is known before the SMTP conversation (it goes into the
 * audit row first) and the bytes the peer receives are exactly these. `handedOver()` turns true once the
 * transport has read every byte: from then on a broken connection may have delivered it (the final dot may
 * have reached the peer), so the outcome is unknown rather than failed.
 */
export class ComposedMessage {
  readonly messageId: string;
  readonly submission: Submission;
  private allBytesRead = false;

  constructor(message: OutgoingMessage) {
    const node = new MailComposer(message).compile();
    this.messageId = node.messageId();
    const raw = node.createReadStream();
    raw.once('end', () => (this.allBytesRead = true));
    const { from, to } = node.getEnvelope();
    this.submission = { envelope: { from: from || message.from.address, to }, raw };
  }

  handedOver(): boolean {
    return this.allBytesRead;
  }
}
