import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { RunningService } from './running-service';

export interface SmtpSink extends RunningService {
  mailDir: string;
  /** While on, every message is answered 421 (service not available): an outage, for fault tests. */
  refuse(on: boolean): void;
}

/**
 * A local SMTP server that accepts every message and keeps it as an .eml file, so people can
 * open what would have been sent and tests can read it. It refuses nothing and relays nothing.
 */
export async function startSmtpSink(options: { dataDir: string; port: number }): Promise<SmtpSink> {
  const mailDir = path.join(options.dataDir, 'mail');
  fs.mkdirSync(mailDir, { recursive: true });
  let sequence = 0;
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Answers go out at once rather than after the client's delayed ACK.
    noDelay: true,
    onMailFrom(_address, _session, callback) {
      if (!refusing) return callback();
      callback(Object.assign(new Error('service not available, try again later'), { responseCode: 421 }));
    },
    onData(stream, session, callback) {
      const name = `${Date.now()}-${process.pid}-${++sequence}.eml`;
      const file = fs.createWriteStream(path.join(mailDir, name));
      stream.pipe(file);
      stream.on('error', callback);
      file.on('finish', () => callback(null, `kept as ${name}`));
      file.on('error', callback);
      void session;
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mailDir,
    refuse: (on) => {
      refusing = on;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
