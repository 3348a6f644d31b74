import { accessUser, AccessUser, accessUserByEmail, requireAccountView } from '@faultline/access';
import type {
  AssignByFilterRequest,
  AssignByFilterResult,
  AssignmentHistory,
  AssignResult,
  ClearByFilterRequest,
  ErrorsFilter,
  InvitationRequestList,
  InvitationRequestsQuery,
  InvitationRequestStatus,
  Workload,
  WorkloadQuery,
} from '@faultline/contracts';
import { accessTo, covers, isAdministrator, refuseAssignErrors, viewableIntegrations } from '@faultline/access-policy';
import { errorsFilterConditions } from '@faultline/errors-filter';
import { PostgresEventStore } from '@faultline/eventing';
import { NotFoundError } from '@faultline/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assignmentStreamId } from './assignment.decider';
import type { Actor, AssignmentEvent } from './assignment.events';
import { refuseAssignment } from './assignment.policy';
import { AssignmentWriter } from './assignment-writer';
import { AssignableError, AssignableErrorsQueries } from './assignable-errors/assignable-errors';
import * as emailAssignment from './to-new-email/email-assignment.decider';
import { emailAssignmentStreamId } from './to-new-email/email-assignment.decider';
import { invitationRequestsOf } from './to-new-email/invitation-requests.query';

/** Assigning and clearing, for people: every rule checked for the whole request before anything changes. */
@Injectable()
export class Assignments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly writer: AssignmentWriter,
  ) {}

  async assign(user: AccessUser, errorIds: string[], assigneeUserId: string): Promise<AssignResult> {
    const actor: Actor = { type: 'user', id: user.userId };
    const { result } = await this.writer.run({ accountId: user.accountId, actor }, async (work) => {
      const errors = await requireErrors(work.manager, user.accountId, errorIds);
      const account = await requireAccountView(work.manager, user.accountId);
      const assignee = await accessUser(work.manager, assigneeUserId);
      const refusal = refuseAssignment({
        account,
        actor: user,
        integrationIds: [...new Set(errors.map((error) => error.integrationId))],
        assignee: { kind: 'user', userId: assigneeUserId, user: assignee },
      });
      if (refusal) throw refusal;
      const { changed, cascaded } = await work.assign(user.accountId, errors, assigneeUserId, actor);
      const outcome = assignee?.status === 'invited' ? ('assigned_to_invitee' as const) : ('assigned' as const);
      return { changed, cascaded, outcome, assigneeUserId };
    });
    return result;
  }

  /**
   * Assigning to an email. An active user of the account with that email is assigned at once by
   * the same rules as by id; so is a pending invitee (seed 000's manual invitation) who already
   * has access to the errors' integrations. A pending invitee without it, and anyone else ("assign
   * to new user"), goes through identity: the rules for inviting are checked here, identity is
   * asked to invite the email or widen the invitee's access (InvitationRequested), and the errors
   * go to the user identity names when it answers.
   */
  async assignToEmail(user: AccessUser, errorIds: string[], email: string): Promise<AssignResult> {
    const known = await accessUserByEmail(this.dataSource.manager, user.accountId, email);
    if (known?.status === 'active' || known?.status === 'deactivated') return this.assign(user, errorIds, known.userId);
    if (known?.status === 'invited') return this.assignToInvitee(user, errorIds, known);
    return this.requestInvitation(user, errorIds, email);
  }

  private async assignToInvitee(user: AccessUser, errorIds: string[], invitee: AccessUser): Promise<AssignResult> {
    const errors = await requireErrors(this.dataSource.manager, user.accountId, errorIds);
    const covered = errors.every((error) => covers(accessTo(invitee, error.integrationId), 'monitor'));
    return covered ? this.assign(user, errorIds, invitee.userId) : this.requestInvitation(user, errorIds, invitee.email, invitee);
  }

  private async requestInvitation(user: AccessUser, errorIds: string[], email: string, invitee?: AccessUser): Promise<AssignResult> {
    const requestedBy: Actor = { type: 'user', id: user.userId };
    const { result } = await this.writer.run({ accountId: user.accountId, actor: requestedBy }, async (work) => {
      const errors = await requireErrors(work.manager, user.accountId, errorIds);
      const account = await requireAccountView(work.manager, user.accountId);
      const integrationIds = [...new Set(errors.map((error) => error.integrationId))];
      const refusal = refuseAssignment({ account, actor: user, integrationIds, assignee: { kind: 'email', invitee } });
      if (refusal) throw refusal;
      const requestId = randomUUID();
      await work.decideOn(emailAssignmentStreamId(requestId), emailAssignment, {
        type: 'RequestEmailAssignment',
        data: { requestId, email, errorIds, integrationIds, requestedBy },
      });
      const outcome = invitee ? ('access_requested' as const) : ('invitation_requested' as const);
      return { changed: 0, cascaded: 0, invitationRequestId: requestId, outcome, ...(invitee ? { assigneeUserId: invitee.userId } : {}) };
    });
    return result;
  }

  /** Every error a filter matches, within what the actor may view: counted, or assigned a thousand at a time. */
  assignByFilter(user: AccessUser, request: AssignByFilterRequest): Promise<AssignByFilterResult> {
    return this.byFilter(user, request.filter, request.dryRun, (errorIds) => this.assign(user, errorIds, request.assigneeUserId));
  }

  clearByFilter(user: AccessUser, request: ClearByFilterRequest): Promise<AssignByFilterResult> {
    return this.byFilter(user, request.filter, request.dryRun, (errorIds) => this.clear(user, errorIds));
  }

  /** "Everything matching": counted for a dry run, else applied a chunk of errors per transaction. */
  private async byFilter(user: AccessUser, filter: ErrorsFilter, dryRun: boolean | undefined, apply: (errorIds: string[]) => Promise<AssignResult>): Promise<AssignByFilterResult> {
    const { where, params } = errorsFilterConditions({ accountId: user.accountId, integrationIds: viewableIntegrations(user), userId: user.userId }, filter);
    if (dryRun) {
      const [row] = await this.dataSource.query(`SELECT count(*)::int AS matched FROM assignable_errors WHERE ${where}`, params);
      return { matched: (row as { matched: number }).matched, changed: 0, cascaded: 0, dryRun: true };
    }
    const total = { matched: 0, changed: 0, cascaded: 0, dryRun: false };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ error_id: string }> = await this.dataSource.query(
        `SELECT error_id FROM assignable_errors WHERE ${where} AND error_id > $${params.length + 1} ORDER BY error_id LIMIT ${FILTER_CHUNK}`,
        [...params, after],
      );
      if (rows.length === 0) return total;
      const result = await apply(rows.map((row) => row.error_id));
      total.matched += rows.length;
      total.changed += result.changed;
      total.cascaded += result.cascaded;
      after = rows[rows.length - 1].error_id;
    }
  }

  async clear(user: AccessUser, errorIds: string[]): Promise<AssignResult> {
    const actor: Actor = { type: 'user', id: user.userId };
    const { result } = await this.writer.run({ accountId: user.accountId, actor }, async (work) => {
      const errors = await requireErrors(work.manager, user.accountId, errorIds);
      const account = await requireAccountView(work.manager, user.accountId);
      for (const integrationId of new Set(errors.map((error) => error.integrationId))) {
        const refusal = refuseAssignErrors(account, user, integrationId);
        if (refusal) throw refusal;
      }
      const changed = await work.decide(
        errors.map((error) => ({ errorId: error.errorId, command: { type: 'ClearAssignment', data: { errorId: error.errorId, by: actor, now: work.now } } })),
      );
      return { changed: changed.length, cascaded: 0 };
    });
    return result;
  }

  /** The person's own "assign to new user" requests and how identity answered them. */
  invitationRequests(user: AccessUser, query: InvitationRequestsQuery): Promise<InvitationRequestList> {
    return invitationRequestsOf(this.dataSource.manager, user, query);
  }

  /**
   * Where an "assign to new user" request stands, replayed from its stream: for the person who
   * made it and the account's owners and admins; anyone else is told it does not exist.
   */
  async invitationRequest(user: AccessUser, requestId: string): Promise<InvitationRequestStatus> {
    const stream = await this.eventStore.readStream<emailAssignment.EmailAssignmentEvent>(this.dataSource.manager, emailAssignmentStreamId(requestId));
    const state = stream.map(({ event }) => event).reduce(emailAssignment.evolve, emailAssignment.initialState());
    const mayKnow = (requestedBy: Actor) => stream[0].metadata.accountId === user.accountId && (requestedBy.id === user.userId || isAdministrator(user.role));
    if (state.status === 'none' || !mayKnow(state.requestedBy)) throw new NotFoundError(`invitation request ${requestId}`);
    const { email, errorIds } = state;
    switch (state.status) {
      case 'requested':
        return { requestId, email, errorIds, status: 'pending' };
      case 'invited':
        return { requestId, email, errorIds, status: 'completed', assigneeUserId: state.userId };
      case 'refused':
        return { requestId, email, errorIds, status: 'refused', code: state.code, reason: state.reason };
    }
  }

  /** Who had the error when, replayed from its assignment stream. */
  async history(user: AccessUser, errorId: string, viewable: (integrationId: string) => boolean): Promise<AssignmentHistory> {
    const [error] = await AssignableErrorsQueries.byIds(this.dataSource.manager, user.accountId, [errorId]);
    if (!error || !viewable(error.integrationId)) throw new NotFoundError(`error ${errorId}`);
    const stream = await this.eventStore.readStream<AssignmentEvent>(this.dataSource.manager, assignmentStreamId(errorId));
    return {
      errorId,
      assigneeUserId: error.assigneeUserId,
      history: stream.map(({ event, metadata }) => ({
        type: event.type,
        at: metadata.occurredAt,
        actor: metadata.actor,
        assigneeUserId: event.type === 'ErrorAssigned' ? event.data.assigneeUserId : null,
        previousAssigneeUserId: event.data.previousAssigneeUserId ?? null,
        cause: event.type === 'ErrorAssigned' ? event.data.cause : null,
        reason: event.type === 'ErrorUnassigned' ? (event.data.reason ?? 'cleared') : null,
        sourceErrorId: event.type === 'ErrorAssigned' ? (event.data.sourceErrorId ?? null) : null,
      })),
    };
  }

  async workload(accountId: string, query: WorkloadQuery): Promise<Workload> {
    const rows: Array<{ assignee_id: string | null; open: number }> = await this.dataSource.query(
      `SELECT assignee_id, count(*)::int AS open FROM assignable_errors
        WHERE account_id = $1 AND integration_id = $2 AND ($3::text IS NULL OR flow_id = $3) AND status = 'open'
        GROUP BY assignee_id ORDER BY open DESC, assignee_id NULLS LAST`,
      [accountId, query.integrationId, query.flowId ?? null],
    );
    return {
      integrationId: query.integrationId,
      flowId: query.flowId ?? null,
      assignees: rows.map((row) => ({ assigneeUserId: row.assignee_id, open: row.open })),
    };
  }
}

const FILTER_CHUNK = 1_000;

/** Errors the app does not know (yet, or in this account) make the request a 404 as a whole. */
async function requireErrors(manager: EntityManager, accountId: string, errorIds: string[]): Promise<AssignableError[]> {
  const errors = await AssignableErrorsQueries.byIds(manager, accountId, errorIds);
  const known = new Set(errors.map((error) => error.errorId));
  const missing = errorIds.filter((errorId) => !known.has(errorId));
  if (missing.length > 0) throw NotFoundError.forIds('error', missing);
  return errors;
}
