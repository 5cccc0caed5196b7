/** What other modules may use of invitations/: lint forbids importing its files directly. */
export { InvitationsModule } from './invitations.module';
export { Invitations } from './invitations.service';
