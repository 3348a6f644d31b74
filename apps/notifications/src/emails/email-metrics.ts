import { ServiceMetrics } from '@faultline/platform';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { EmailKind } from './email.outbox';

const LATENESS_SECONDS = [1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600];

/** The email outbox as operators watch it: what was sent or refused, and how late digests went out. */
@Injectable()
export class EmailMetrics {
  private readonly attempts: Counter<'kind' | 'outcome'>;
  private readonly lateness: Histogram<'kind'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'faultline_emails_total',
      help: 'Delivery attempts by kind and outcome: sent, retrying (SMTP failed for now) or failed (refused for good)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.lateness = new Histogram({ name: 'faultline_digest_lateness_seconds', help: "Sent − due: a digest's window closing to its email being accepted by SMTP", labelNames: ['kind'], buckets: LATENESS_SECONDS, registers });
  }

  sent(kind: EmailKind, dueAt: Date | null, now: Date): void {
    this.attempts.inc({ kind, outcome: 'sent' });
    if (dueAt) this.lateness.observe({ kind }, Math.max(0, now.getTime() - dueAt.getTime()) / 1000);
  }

  notSent(kind: EmailKind, permanent: boolean): void {
    this.attempts.inc({ kind, outcome: permanent ? 'failed' : 'retrying' });
  }
}
