import { connect, Socket } from 'node:net';
import nodemailer, { Transporter } from 'nodemailer';

type SocketCallback = (error: Error | null, socketOptions?: { connection: Socket }) => void;

/**
 * A pool of `connections` SMTP connections to the server of `smtpUrl` (smtp: or smtps:, with
 * credentials in the URL when it needs them). Plain connections are opened here with Nagle's
 * algorithm off: SMTP is a chat of small commands, and waiting on delayed ACKs held every
 * email for tens of milliseconds (measured: about 85 emails/s over 4 connections, 700+ without).
 */
export function smtpTransport(smtpUrl: string, connections: number): Transporter {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname;
  const port = Number(url.port) || (secure ? 465 : 587);
  return nodemailer.createTransport({
    host,
    port,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: connections,
    // Well within a sender's claim on an email (email.sender.ts): nodemailer's own defaults run to minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    getSocket: secure ? undefined : (_options: unknown, callback: SocketCallback) => openWithoutNagle(host, port, callback),
  });
}

function openWithoutNagle(host: string, port: number, callback: SocketCallback): void {
  const connection = connect({ host, port, noDelay: true });
  const fail = (error: Error) => callback(error);
  connection.once('error', fail);
  connection.once('connect', () => {
    connection.removeListener('error', fail);
    callback(null, { connection });
  });
}
