import MailComposer from 'nodemailer/lib/mail-composer';
import { Readable } from 'node:stream';
import type { OutgoingMessage } from './transport-resolver';

/** What a transport submits: the envelope and the message's exact bytes. */
export interface Submission {
  envelope: { from: string; to: string[] };
  raw: Readable;
}

/**
 * A message built once into MIME bytes, so its Message-ID is known before the SMTP conversation (it goes into
 * the audit row first), the peer receives exactly these bytes, and the copy saved to Sent is the same message.
 * `handedOver()` turns true once the transport has read every byte: from then on a broken connection may have
 * delivered it (the final dot may have reached the peer), so the outcome is unknown rather than failed.
 */
export class ComposedMessage {
  readonly submission: Submission;
  private allBytesRead = false;

  private constructor(
    readonly messageId: string,
    /** The bytes as sent (no Bcc header: MailComposer leaves it out). */
    readonly raw: Buffer,
    envelope: Submission['envelope'],
  ) {
    const stream = Readable.from([raw]);
    stream.once('end', () => (this.allBytesRead = true));
    this.submission = { envelope, raw: stream };
  }

  static async compose(message: OutgoingMessage): Promise<ComposedMessage> {
    const node = new MailComposer(message).compile();
    const { from, to } = node.getEnvelope();
    return new ComposedMessage(node.messageId(), await node.build(), { from: from || message.from.address, to });
  }

  handedOver(): boolean {
    return this.allBytesRead;
  }
}
