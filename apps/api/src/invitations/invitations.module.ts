import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { Invitation } from './invitation.entity';
import { InvitationsController } from './invitations.controller';
import { Invitations } from './invitations.service';

/** Invitation links (today: "connect your mailbox"), for the modules that give them out and check them. */
@Module({
  imports: [TypeOrmModule.forFeature([Invitation]), AuditModule],
  controllers: [InvitationsController],
  providers: [Invitations],
  exports: [Invitations],
})
export class InvitationsModule {}
