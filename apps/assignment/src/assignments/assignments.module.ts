import { Module } from '@nestjs/common';
import { AssignmentWriter } from './assignment-writer';
import { AssignmentsController } from './assignments.controller';
import { GoneAssigneesConsumer } from './gone-assignees/gone-assignees.consumer';
import { Assignments } from './assignments.service';
import { ErrorsEventsConsumer } from './assignable-errors/errors-events.consumer';
import { InvitationAnswersConsumer } from './to-new-email/invitation-answers.consumer';

@Module({
  controllers: [AssignmentsController, ErrorsEventsConsumer, InvitationAnswersConsumer, GoneAssigneesConsumer],
  providers: [Assignments, AssignmentWriter],
})
export class AssignmentsModule {}
