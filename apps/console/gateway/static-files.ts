import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built console. A path with no file extension is a page of the single-page app, so
 * it gets index.html (deep links such as `/errors/:id` open the right screen); hashed assets are
 * cached for good, index.html never, so a new build is picked up at the next load.
 */
export function serveConsoleFile(root: string, urlPath: string, response: ServerResponse): void {
  const requested = path.normalize(path.join(root, decodePath(urlPath)));
  const isAsset = path.extname(requested) !== '';
  const file = isAsset ? requested : path.join(root, 'index.html');
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    response.writeHead(isAsset ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(isAsset ? 'not found' : 'The console is not built: `npm start` builds it.');
    return;
  }
  const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  fs.createReadStream(file).pipe(response);
}

function decodePath(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return '/';
  }
}
