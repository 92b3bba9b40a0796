/**
 * The parts of a docker-compose file the guide shows, checked on the loaded YAML: services,
 * `depends_on` conditions and health checks. Values per the Compose specification:
 * https://github.com/compose-spec/compose-spec/blob/main/spec.md
 */

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
const DURATION = /^(\d+(\.\d+)?(us|ms|s|m|h))+$/;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems of a loaded compose document, one sentence each. */
export function checkCompose(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isMap(doc) || !isMap(doc['services'])) return ['the file has no "services:" mapping'];
  const services = doc['services'];
  for (const [name, service] of Object.entries(services)) {
    const at = `services.${name}`;
    if (service === null) continue; // `name:` with only comments under it: an excerpt, valid YAML and valid compose
    if (!isMap(service)) {
      problems.push(`${at} is not a mapping`);
      continue;
    }
    const deps = service['depends_on'];
    if (isMap(deps)) {
      for (const [dep, spec] of Object.entries(deps)) {
        if (!(dep in services)) problems.push(`${at}.depends_on names "${dep}", which is not a service here`);
        const condition = isMap(spec) ? spec['condition'] : undefined;
        if (condition !== undefined && !CONDITIONS.includes(String(condition))) {
          problems.push(`${at}.depends_on.${dep}.condition is "${String(condition)}", expected one of ${CONDITIONS.join(', ')}`);
        }
        if (condition === 'service_healthy' && !(isMap(services[dep]) && 'healthcheck' in services[dep])) {
          problems.push(`${at} waits for ${dep} to be healthy, but ${dep} has no healthcheck`);
        }
      }
    } else if (deps !== undefined && !Array.isArray(deps)) problems.push(`${at}.depends_on is neither a list nor a mapping`);
    const hc = service['healthcheck'];
    if (hc === undefined) continue;
    if (!isMap(hc)) {
      problems.push(`${at}.healthcheck is not a mapping`);
      continue;
    }
    const testValue = hc['test'];
    if (Array.isArray(testValue)) {
      const [kind, ...args] = testValue.map(String);
      if (kind === 'NONE') {
        if (args.length > 0) problems.push(`${at}.healthcheck.test ["NONE"] takes no arguments`);
      } else if (kind !== 'CMD' && kind !== 'CMD-SHELL') problems.push(`${at}.healthcheck.test starts with "${kind ?? ''}", expected "CMD", "CMD-SHELL" or "NONE"`);
      else if (args.length === 0) problems.push(`${at}.healthcheck.test has no command after ${kind}`);
      else if (kind === 'CMD-SHELL' && args.length > 1) problems.push(`${at}.healthcheck.test: CMD-SHELL takes one string`);
    } else if (typeof testValue !== 'string') problems.push(`${at}.healthcheck.test is missing`);
    for (const key of ['interval', 'timeout', 'start_period', 'start_interval']) {
      const v = hc[key];
      if (v !== undefined && !DURATION.test(String(v))) problems.push(`${at}.healthcheck.${key} is "${String(v)}", expected a duration like 30s or 1m30s`);
    }
    const retries = hc['retries'];
    if (retries !== undefined && !(Number.isInteger(retries) && Number(retries) >= 0)) problems.push(`${at}.healthcheck.retries is not a whole number`);
  }
  return problems;
}
