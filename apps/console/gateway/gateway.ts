import { PROBLEM_CONTENT_TYPE, problemType } from '@faultline/platform';
import { randomBytes } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CSRF_COOKIE, CSRF_HEADER, csrfHolds, parseCookies, serializeCookie, SESSION_COOKIE } from './session-cookies';
import { serveConsoleFile } from './static-files';
import { apiTarget, Upstreams } from './upstreams';

export interface GatewayOptions {
  upstreams: Upstreams;
  /** The built console (index.html and assets/). */
  staticDir: string;
  /** Mark cookies Secure: set when the console is served over HTTPS. */
  secureCookies: boolean;
}

/**
 * The console's one origin: the built pages, and the four APIs under `/api/<service>/`. It holds
 * no business logic; it only turns a sign-in into an httpOnly session cookie, forwards that
 * cookie as the bearer token, and refuses state-changing calls without the CSRF header.
 */
export function createGateway(options: GatewayOptions): http.Server {
  return http.createServer((request, response) => {
    route(options, request, response).catch(() => {
      if (!response.headersSent) problem(response, 502, 'upstream-unavailable', 'Service unavailable', 'the service behind this call did not answer');
      else response.destroy();
    });
  });
}

export async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

async function route(options: GatewayOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  securityHeaders(response);
  const url = request.url ?? '/';
  if (url === '/health') return json(response, 200, { status: 'ok' });
  const cookies = parseCookies(request.headers.cookie);
  if (url.startsWith('/api/')) {
    if (!csrfHolds(request.method ?? 'GET', cookies, header(request, CSRF_HEADER)) && cookies.has(SESSION_COOKIE)) {
      return problem(response, 403, 'csrf', 'Forbidden', `state-changing calls must send the ${CSRF_HEADER} header`, 'CSRF_TOKEN_MISSING');
    }
    if (url === '/api/session') return session(options, request, response);
    const target = apiTarget(url);
    if (!target) return problem(response, 404, 'not-found', 'Not Found', 'no such API route');
    return forward(request, response, new URL(target.path, options.upstreams[target.service]), cookies.get(SESSION_COOKIE));
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return problem(response, 405, 'method-not-allowed', 'Method Not Allowed', 'pages are read with GET');
  serveConsoleFile(options.staticDir, url, response);
}

/** `POST /api/session` signs in through identity and keeps the token in a cookie; `DELETE` signs out. */
async function session(options: GatewayOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'DELETE') {
    response.writeHead(204, { 'set-cookie': [clearCookie(SESSION_COOKIE, true, options), clearCookie(CSRF_COOKIE, false, options)] });
    return void response.end();
  }
  if (request.method !== 'POST') return problem(response, 405, 'method-not-allowed', 'Method Not Allowed', 'sign in with POST, sign out with DELETE');
  const body = await readBody(request, SIGN_IN_BODY_LIMIT);
  if (body === undefined) {
    response.setHeader('connection', 'close');
    return problem(response, 413, 'too-large', 'Payload Too Large', 'a sign-in is a small JSON document');
  }
  const answer = await fetch(new URL('/sign-in', options.upstreams.identity), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor(request) },
    body,
  });
  const text = await answer.text();
  if (answer.status !== 200) {
    response.writeHead(answer.status, passThrough(answer.headers));
    return void response.end(text);
  }
  const { accessToken, expiresIn, user } = JSON.parse(text) as { accessToken: string; expiresIn: number; user: unknown };
  const cookie = { maxAgeSeconds: expiresIn, secure: options.secureCookies };
  response.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'set-cookie': [
      serializeCookie(SESSION_COOKIE, accessToken, { ...cookie, httpOnly: true }),
      serializeCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...cookie, httpOnly: false }),
    ],
  });
  response.end(JSON.stringify({ user, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() }));
}

function forward(request: IncomingMessage, response: ServerResponse, target: URL, token: string | undefined): Promise<void> {
  const headers: http.OutgoingHttpHeaders = { ...request.headers, host: target.host, 'x-forwarded-for': forwardedFor(request) };
  for (const name of [...HOP_BY_HOP, 'cookie', CSRF_HEADER]) delete headers[name];
  if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const upstream = http.request(target, { method: request.method, headers }, (answer) => {
      const answerHeaders = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete answerHeaders[name];
      response.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(response).once('finish', resolve);
    });
    upstream.once('error', reject);
    request.pipe(upstream);
  });
}

const SIGN_IN_BODY_LIMIT = 16 * 1024;
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];
const PASSED_HEADERS = ['content-type', 'retry-after'];

function passThrough(headers: Headers): Record<string, string> {
  return Object.fromEntries(PASSED_HEADERS.flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])));
}

/** The body, or undefined once it passes `limit`: the rest is not read (nor kept) at all. */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.removeAllListeners('data');
      request.pause();
      resolve(undefined);
    });
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function forwardedFor(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? '';
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function clearCookie(name: string, httpOnly: boolean, options: GatewayOptions): string {
  return serializeCookie(name, '', { maxAgeSeconds: 0, httpOnly, secure: options.secureCookies });
}

/**
 * The pages load scripts and styles only from this origin (the component library sets inline
 * styles), are never framed, and never send a Referer: invitation links carry their token.
 */
function securityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function problem(response: ServerResponse, status: number, slug: string, title: string, detail: string, code?: string): void {
  response.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
  response.end(JSON.stringify({ type: problemType(slug), title, status, detail, ...(code ? { code } : {}) }));
}
