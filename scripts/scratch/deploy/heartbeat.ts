/**
 * Starting the package's jobs as the integration user the way Sales Insight does and the setup
 * assistant expects (docs/install.md, step 4): `POST /v1/setup/heartbeat` as that user, which
 * schedules the watchdog, the sweep and the purge as the caller (docs/contract/README.md). Never
 * anonymous Apex: that would schedule them as the admin who ran it. The call goes through
 * `sf api request rest --target-org <the integration user's alias>`, so sf holds the user's
 * session and refreshes it; no token passes through this process.
 */

/** The heartbeat's path in an org with or without the namespace. */
export function heartbeatPath(namespace: string): string {
  return `/services/apexrest/${namespace === '' ? '' : `${namespace}/`}v1/setup/heartbeat`;
}

/** The sf call; the body is `{}`, as the contract asks. */
export function heartbeatCommand(integrationAlias: string, namespace: string): string[] {
  return ['api', 'request', 'rest', heartbeatPath(namespace), '--method', 'POST', '--body', '{}', '--target-org', integrationAlias];
}

/** One job of the answer. */
export interface HeartbeatJob {
  readonly job: string;
  readonly action: string;
  readonly nextRunAt: string | null;
  readonly message?: string;
}

/** The 200 answer: `{jobs: [...], relayStarted}`. */
export interface HeartbeatAnswer {
  readonly jobs: readonly HeartbeatJob[];
  readonly relayStarted: boolean;
}

function jsonOf(stdout: string): unknown {
  const start = stdout.search(/[[{]/);
  if (start === -1) return undefined;
  try {
    return JSON.parse(stdout.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads the answer's body; undefined when it is not the 200 shape. */
export function parseHeartbeat(stdout: string): HeartbeatAnswer | undefined {
  const body = jsonOf(stdout);
  if (typeof body !== 'object' || body === null || !('jobs' in body) || !Array.isArray(body.jobs)) return undefined;
  const jobs: HeartbeatJob[] = [];
  for (const entry of body.jobs as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const record = entry as Record<string, unknown>;
    if (typeof record['job'] !== 'string' || typeof record['action'] !== 'string') return undefined;
    const nextRunAt = typeof record['nextRunAt'] === 'string' ? record['nextRunAt'] : null;
    const message = typeof record['message'] === 'string' ? record['message'] : undefined;
    jobs.push({ job: record['job'], action: record['action'], nextRunAt, ...(message === undefined ? {} : { message }) });
  }
  return { jobs, relayStarted: 'relayStarted' in body && body.relayStarted === true };
}

/**
 * Why an `sf api request rest` call was refused, in one line: the contract's error body
 * `{error: {code, message}}`, Salesforce's `[{errorCode, message}]`, or — when sf itself failed
 * (a login it could not refresh) — its `Error (…)` line on stderr, past the beta warning.
 */
export function restRefusal(stdout: string, stderr = ''): string {
  const body = jsonOf(stdout);
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body.error as Record<string, unknown>) : undefined;
  if (error !== undefined && typeof error['code'] === 'string') return `${error['code']}: ${String(error['message'] ?? '')}`;
  const first: unknown = Array.isArray(body) ? body[0] : undefined;
  if (typeof first === 'object' && first !== null && 'errorCode' in first) {
    return `${String(first.errorCode)}: ${'message' in first ? String(first.message) : ''}`;
  }
  const lines = `${stdout}\n${stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.find((line) => line.startsWith('Error')) ?? lines.at(-1) ?? 'no answer';
}

/** One line per job for the user: `watchdog  scheduled  next run 2026-12-03T10:15:00.000Z`. */
export function heartbeatLines(answer: HeartbeatAnswer): string[] {
  return [
    ...answer.jobs.map(
      (job) => `  ${job.job.padEnd(9)} ${job.action.padEnd(11)} next run ${job.nextRunAt ?? '—'}${job.message ? ` (${job.message})` : ''}`,
    ),
    `  relay ${answer.relayStarted ? 'started' : 'not started (no outbox rows due)'}`,
  ];
}
