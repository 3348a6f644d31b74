import type { FaultSystem } from './fault-system';

/**
 * What people do while the faults happen: the owner assigns unassigned errors to a member
 * (which sends the member digests), tags some, and subscribes the member to a flow and back,
 * through whichever instance answers. The flow reports nothing, so no summary joins the digests
 * in the member's mailbox.
 */
export class Triage {
  readonly assigned = new Set<string>();
  private uncertain = 0;
  private refused = 0;
  private tagged = 0;
  private subscriptionChanges = 0;
  private turn = 0;
  private tagId?: string;

  constructor(
    private readonly system: FaultSystem,
    private readonly ownerToken: string,
    private readonly memberId: string,
  ) {}

  async waitUntilKnown(): Promise<void> {
    for (let tries = 0; tries < 300; tries++) {
      const answer = await this.request('errors', 'GET', '/errors?limit=1').catch(() => undefined);
      if (answer?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the errors service never learned of the account');
  }

  async act(): Promise<void> {
    try {
      const page = await this.request('errors', 'GET', '/errors?assignee=unassigned&limit=10');
      if (page.status !== 200) return void this.refused++;
      const errorIds = ((await page.json()) as { items: Array<{ errorId: string }> }).items.map((item) => item.errorId);
      if (errorIds.length === 0) return;
      const assigned = await this.request('assignment', 'POST', '/assignments', { errorIds, assigneeUserId: this.memberId });
      if (assigned.status === 200) for (const errorId of errorIds) this.assigned.add(errorId);
      else this.refused++;
      await this.tag(errorIds.slice(0, 3));
      await this.toggleSubscription();
    } catch {
      // An instance was killed mid-request: whether it took effect is unknown.
      this.uncertain++;
    }
  }

  summary(): string {
    return `${this.assigned.size} errors assigned to the member, ${this.tagged} tagged, ${this.subscriptionChanges} subscription changes, ${this.refused} requests refused, ${this.uncertain} cut off by a fault`;
  }

  private async tag(errorIds: string[]): Promise<void> {
    if (!this.tagId) {
      const created = await this.request('errors', 'POST', '/tags', { name: `faults-${Date.now()}`, colour: '#aa3300' });
      if (created.status !== 201) return;
      this.tagId = ((await created.json()) as { tagId: string }).tagId;
    }
    const tagged = await this.request('errors', 'POST', '/errors/tags', { errorIds, add: [this.tagId] });
    if (tagged.status === 200) this.tagged += errorIds.length;
  }

  private async toggleSubscription(): Promise<void> {
    const method = this.subscriptionChanges % 2 === 0 ? 'PUT' : 'DELETE';
    const changed = await this.request('notifications', method, `/users/${this.memberId}/subscriptions/int-1/flow-without-reports`);
    if (changed.ok) this.subscriptionChanges++;
  }

  /** Alternates between the two instances, as a load balancer would. */
  private request(service: 'errors' | 'assignment' | 'notifications', method: string, path: string, body?: unknown): Promise<Response> {
    const copy = (this.turn++ % 2) + 1;
    return fetch(`${this.system.url(service, copy)}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.ownerToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  }
}
