import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

/**
 * A real SMTP server a test owns: it keeps what it receives, parsed, and can go down and come
 * back on the same port, and refuse chosen addresses for good, so tests see what was sent and how
 * sending survives an outage or a permanent refusal.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private readonly refused = new Set<string>();
  private server?: SMTPServer;

  private constructor(public port: number) {}

  static async start(): Promise<MailCatcher> {
    const catcher = new MailCatcher(0);
    await catcher.up();
    return catcher;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = new SMTPServer({
      // Going down is a crash: open connections are cut at once, not waited for (30 s by default).
      closeTimeout: 100,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address)) return callback();
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
            this.mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', headers: parsed.headers });
            callback();
          })
          .catch(callback);
      },
    });
    this.port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : this.port);
      });
    });
    this.server = server;
  }

  /** Stops accepting connections: senders see the SMTP server down. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** From now on, answers RCPT TO for this address with a permanent 550, as a mailbox that does not exist. */
  refuse(address: string): void {
    this.refused.add(address);
  }

  stopRefusing(address: string): void {
    this.refused.delete(address);
  }

  to(recipient: string): CaughtMail[] {
    return this.mails.filter((mail) => mail.to.includes(recipient));
  }
}
