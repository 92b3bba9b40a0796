/**
 * A static server of its own for a browser test (tests/support/serve.ts in a child process), on
 * its own port: for tests whose service worker and caches must not meet other tests', or that
 * deploy a new build into the folder being served. Resolves once the server listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface StaticSite {
  url: string;
  /** Stops the server; resolves once it has exited (its port is free again). */
  stop(): Promise<void>;
}

export function startStaticSite(port: number, folder: string): Promise<StaticSite> {
  const server: ChildProcess = spawn(process.execPath, ['tests/support/serve.ts', String(port), folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`serve.ts exited with ${String(code)}`)));
    server.stdout?.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('serving')) return;
      server.removeAllListeners('exit');
      const exited = new Promise<void>((done) => server.once('exit', () => done()));
      resolve({ url: `http://127.0.0.1:${String(port)}`, stop: () => (server.kill(), exited) });
    });
  });
}
