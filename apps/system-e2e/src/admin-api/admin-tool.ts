import type { AssignResult, BulkActionResult, ErrorDetails, ErrorsFilter, ErrorsPage } from '@faultline/contracts';

/** Where a tool finds each service, and the machine API token it calls them with. */
export interface AdminToolSetup {
  errorsUrl: string;
  assignmentUrl: string;
  token: string;
}

/** A refusal, as the tool reads it: the RFC 9457 problem and the fields it names. */
export class AdminApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title: string; code?: string; errors?: { pointer: string; detail: string }[] },
  ) {
    super(`${status} ${problem.title}`);
  }
}

/**
 * A tool another team writes against the admin API, reduced to what such tools do: find the
 * open errors of a step, read one, assign and resolve them, and count what a filter would touch
 * before acting on it. Its pact (contracts/pacts/admin-tool-*.json) is what the services must
 * keep answering.
 */
export class AdminTool {
  constructor(private readonly setup: AdminToolSetup) {}

  openErrorsOfStep(integrationId: string, flowStepId: string, limit = 50): Promise<ErrorsPage> {
    const query = new URLSearchParams({ status: 'open', integrationId, flowStepId, limit: String(limit) });
    return this.call('GET', this.setup.errorsUrl, `/errors?${query}`);
  }

  errorDetails(errorId: string): Promise<ErrorDetails> {
    return this.call('GET', this.setup.errorsUrl, `/errors/${errorId}`);
  }

  assign(errorIds: string[], assigneeUserId: string): Promise<AssignResult> {
    return this.call('POST', this.setup.assignmentUrl, '/assignments', { errorIds, assigneeUserId });
  }

  resolve(errorIds: string[], note?: string): Promise<BulkActionResult> {
    return this.call('POST', this.setup.errorsUrl, '/errors/resolve', { errorIds, ...(note === undefined ? {} : { note }) });
  }

  async countResolvable(filter: ErrorsFilter): Promise<number> {
    const answer = await this.call<BulkActionResult>('POST', this.setup.errorsUrl, '/errors/by-filter', { action: 'resolve', filter, dryRun: true });
    return answer.matched;
  }

  private async call<T>(method: string, baseUrl: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.setup.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new AdminApiRefusal(response.status, answer);
    return answer as T;
  }
}
