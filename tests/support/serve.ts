/**
 * A static server for the browser tests: serves dist/ like a plain static host (directory
 * index.html, 404.html for anything missing, a validator on every file so an unchanged one is a
 * 304, and the content-hashed files of src/lib/offline/plan.ts kept for a year, as hosts are told
 * to keep Vite's output). Astro 7's `astro preview` refuses to start while
 * another preview of the same project runs (e.g. the developer's `npm start`), and Node's default
 * 16 KB header limit would reject the 1 MB `?q=` the search tests send.
 * With a mount path (`/docs/`), the folder is served under it, as a host serving the site from a
 * sub-path would, and anything outside it is a plain 404 that names the mount, so a URL that
 * leaves the base fails visibly.
 * Usage: node tests/support/serve.ts <port> [folder, default dist] [mount, default /]
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { isContentHashed } from '../../src/lib/offline/plan.ts';

const ROOT = resolve(process.argv[3] ?? 'dist');
const MOUNT = process.argv[4] ?? '/';
if (!/^\/(?:[^/]+\/)*$/.test(MOUNT)) throw new Error(`mount must start and end with a slash: ${MOUNT}`);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file's validator: another file, or the same file changed (a deploy), gives another. */
const etagOf = (stats: Stats) => `"${stats.ino.toString(36)}-${stats.size.toString(36)}-${Math.round(stats.mtimeMs).toString(36)}"`;

/** The file a request path names, with its stats, or undefined. */
function fileFor(urlPath: string): { path: string; stats: Stats } | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const full = normalize(join(ROOT, path));
  if (!full.startsWith(ROOT)) return undefined;
  for (const candidate of [full, join(full, 'index.html')]) {
    try {
      const stats = statSync(candidate);
      if (stats.isFile()) return { path: candidate, stats };
    } catch {
      // not there; try the next
    }
  }
  return undefined;
}

const port = Number(process.argv[2] ?? 4329);
createServer({ maxHeaderSize: 8 * 1024 * 1024 }, (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(MOUNT)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(`404: ${url.pathname} is outside ${MOUNT}, where this site is served\n`);
    return;
  }
  const file = fileFor(`/${url.pathname.slice(MOUNT.length)}`);
  const status = file ? 200 : 404;
  const served = file?.path ?? join(ROOT, '404.html');
  const etag = etagOf(file?.stats ?? statSync(served));
  const headers = {
    'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream',
    'Cache-Control': file && isContentHashed(relative(ROOT, file.path)) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
  };
  if (file && req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(status, headers);
  createReadStream(served).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`serving ${ROOT} on http://127.0.0.1:${String(port)}${MOUNT}`));
