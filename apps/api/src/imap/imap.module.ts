import { Module } from '@nestjs/common';
import { SmtpModule } from '../smtp';
import { SentFolder } from './sent-folder';

/** IMAP infrastructure with no domain knowledge: the Sent folder of a mailbox, error mapping. */
@Module({
  imports: [SmtpModule],
  providers: [SentFolder],
  exports: [SentFolder],
})
export class ImapModule {}
