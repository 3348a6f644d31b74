import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SmtpSink, startSmtpSink } from './smtp-sink';

describe('the embedded SMTP sink', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-smtp-'));
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink({ dataDir, port: 0 });
  });

  afterAll(async () => {
    await sink.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every message it receives as an .eml file', async () => {
    const transport = nodemailer.createTransport(sink.url);
    await transport.sendMail({
      from: 'faultline@example.test',
      to: 'ana@example.test',
      subject: '3 errors were assigned to you',
      text: 'See Faultline.',
    });
    transport.close();

    const files = fs.readdirSync(sink.mailDir).filter((file) => file.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const message = fs.readFileSync(path.join(sink.mailDir, files[0]), 'utf8');
    expect(message).toMatch(/^Subject: 3 errors were assigned to you$/m);
    expect(message).toMatch(/^To: ana@example.test$/m);
  });
});
