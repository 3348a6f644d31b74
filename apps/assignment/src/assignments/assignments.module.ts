import { Module } from '@nestjs/common';
import { AssignmentWriter } from './assignment-writer';
import { AssignmentsController } from './assignments.controller';
import { RevokedInvitationsConsumer } from './revoked-invitees/revoked-invitations.consumer';
import { Assignments } from './assignments.service';
import { ErrorsEventsConsumer } from './assignable-errors/errors-events.consumer';
import { InvitationAnswersConsumer } from './to-new-email/invitation-answers.consumer';

@Module({
  controllers: [AssignmentsController, ErrorsEventsConsumer, InvitationAnswersConsumer, RevokedInvitationsConsumer],
  providers: [Assignments, AssignmentWriter],
})
export class AssignmentsModule {}
