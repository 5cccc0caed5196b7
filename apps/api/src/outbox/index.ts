/** What other modules may use of outbox/: lint forbids importing its files directly. */
export { OutboxModule } from './outbox.module';
