// A static file host for the sandboxes: the hosted phone sign-in page's built files under one path
// prefix (`/phone-sign-in/`), as a distributor's web server would serve them. GET and HEAD only;
// nothing outside the folder is reachable.

import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Handler } from './transport.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` at `prefix` (e.g. `/phone-sign-in/`); `prefix` itself is `index.html`. */
export function createStaticHandler(dir: string, prefix: string): Handler {
  const root = normalize(dir + sep);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const { pathname } = new URL(request.url);
    if (pathname === prefix.replace(/\/$/, '')) {
      return new Response(null, { status: 301, headers: { Location: prefix } });
    }
    if (!pathname.startsWith(prefix)) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length)) || 'index.html';
    } catch {
      return notFound();
    }
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return notFound();
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}
