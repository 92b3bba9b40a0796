/**
 * Chromium's own account of a context's service workers, read from a browser trace of the
 * "ServiceWorker" category (`browser.startTracing`): what neither the page nor the workers can
 * see. For example that the browser stopped the old worker so that a waiting one could take over,
 * and that an event sent to the old worker as it stopped started it again (tests/e2e/deploy.spec.ts
 * prints these lines when a new build's worker stays waiting).
 *
 * The trace names no version in these events (every version's script is `sw.js`), so the lines
 * follow time and the order tells the versions apart; request ids count per version.
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  id?: number | string;
  args?: Record<string, unknown>;
}

/** One line per lifecycle event, oldest first, each with its time in seconds from the first. */
export function workerTimeline(trace: string): string[] {
  const parsed = JSON.parse(trace) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = (Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])).filter((e) => e.ts > 0).sort((a, b) => a.ts - b.ts);
  const start = events[0]?.ts ?? 0;
  const at = (e: TraceEvent) => `${((e.ts - start) / 1e6).toFixed(3).padStart(8)} s`;
  const arg = (e: TraceEvent, key: string) => String(e.args?.[key] ?? '?');
  // A request's begin and end are tied by a flow (ph s → f) that starts with the request itself.
  const requestAt = new Map<number, TraceEvent>();
  const open = new Map<string, TraceEvent>();
  const lines: string[] = [];
  for (const e of events) {
    if (e.name === 'ServiceWorkerVersion::Request' && e.ph === 'I') requestAt.set(e.ts, e);
  }
  for (const e of events) {
    const say = (text: string) => lines.push(`${at(e)}  ${text}`);
    switch (e.name) {
      case 'ServiceWorkerVersion::SetStatus':
        say(`a version is now ${arg(e, 'New Status')}`);
        break;
      case 'ServiceWorkerVersion::StartWorker':
        if (e.args?.['Purpose'] !== undefined) say(`a stopped version starts, for: ${arg(e, 'Purpose')}`);
        break;
      case 'ServiceWorkerVersion::StopWorker':
        if (e.args?.['Version Status'] !== undefined) say(`the browser stops the ${arg(e, 'Version Status')} version`);
        break;
      case 'ServiceWorkerVersion::StopWorker (instant)':
        say(`the browser stops the ${arg(e, 'Status')} version (taking over)`);
        break;
      case 'ServiceWorkerVersion::OnStopped':
        say(e.args?.['Restart'] === true ? 'a version stopped, and starts again: an event came while it stopped' : 'a version stopped');
        break;
      case 'ServiceWorkerVersion::Request':
        if (e.ph === 'I') say(`event ${arg(e, 'Event type')} (request ${arg(e, 'Request id')})`);
        else if (e.ph === 's') {
          const request = requestAt.get(e.ts);
          if (request) open.set(String(e.id), request);
        } else if (e.ph === 'f') open.delete(String(e.id));
        break;
    }
  }
  for (const request of open.values()) {
    lines.push(`never finished: event ${arg(request, 'Event type')} (request ${arg(request, 'Request id')}) from ${at(request).trim()}`);
  }
  return lines;
}
