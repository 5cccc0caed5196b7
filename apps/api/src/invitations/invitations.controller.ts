import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type InvitationDto } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, ParseIdPipe, SessionOnly } from '../common';
import { Invitations } from './invitations.service';

/** The invitation links superusers gave out: listed (never the links), and revoked. */
@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: Invitations) {}

  @Get()
  @Auth('superuser')
  @SessionOnly()
  @ApiOperation({ summary: 'Invitations given out, newest first (200): for whom, by whom, and whether pending, used, revoked or expired' })
  @ApiContractResponse('InvitationDto', { isArray: true })
  list(): Promise<InvitationDto[]> {
    return this.invitations.list();
  }

  @Post(':id/revoke')
  @Auth('superuser')
  @SessionOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke a pending invitation: its link stops working at once' })
  @ApiContractResponse('InvitationDto')
  @ApiErrors(ErrorCode.INVITATION_NOT_FOUND, ErrorCode.INVITATION_SETTLED)
  revoke(@Param('id', ParseIdPipe) id: string, @CurrentUser() actor: AuthUser): Promise<InvitationDto> {
    return this.invitations.revoke(id, actor);
  }
}
