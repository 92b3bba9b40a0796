/**
 * A static server for the browser tests: serves dist/ like a plain static host (directory
 * index.html, 404.html for anything missing). Astro 7's `astro preview` refuses to start while
 * another preview of the same project runs (e.g. the developer's `npm start`), and Node's default
 * 16 KB header limit would reject the 1 MB `?q=` the search tests send.
 * Usage: node tests/support/serve.ts <port> [folder, default dist]
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(process.argv[3] ?? 'dist');
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

function fileFor(urlPath: string): string | undefined {
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
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there; try the next
    }
  }
  return undefined;
}

const port = Number(process.argv[2] ?? 4329);
createServer({ maxHeaderSize: 8 * 1024 * 1024 }, (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const file = fileFor(url.pathname);
  const status = file ? 200 : 404;
  const served = file ?? join(ROOT, '404.html');
  res.writeHead(status, {
    'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
  });
  createReadStream(served).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`serving dist/ on http://127.0.0.1:${String(port)}/`));
