/**
 * Test utilities of the workbench: a workbench on a free port with a fresh data
 * directory, a JSON client that checks contract answers against the OpenAPI
 * document, and builders of valid changes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkbenchConfig } from '../config.ts';
import { loadContract, responseErrors } from '../contract.ts';
import { startWorkbench, type RunningWorkbench, type StartOptions } from '../server.ts';

/** The org of every test batch. */
export const ORG_ID = '00D5g000004ABCDEA4';

/** A fresh temporary directory; removed by {@link removeDirectory}. */
export function tempDirectory(label: string): string {
  return mkdtempSync(join(tmpdir(), `workbench-${label}-`));
}

/** Removes a temporary directory. */
export function removeDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

/** A config for tests: loopback, port 0, the given data directory. */
export function testConfig(dataDirectory: string, overrides: Partial<WorkbenchConfig> = {}): WorkbenchConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDirectory,
    reset: false,
    auth: true,
    clientId: 'workbench',
    clientSecret: 'workbench',
    tokenTtlSeconds: 3600,
    strictUsers: false,
    orgId: ORG_ID,
    org: null,
    allowAdmin: false,
    signingKey: null,
    // Off unless a test asks: a heartbeat at start would be one more request in every capture.
    heartbeatMinutes: 0,
    ...overrides,
  };
}

/** A running workbench in this process, with its data directory. */
export interface TestWorkbench extends RunningWorkbench {
  readonly dataDirectory: string;
  /** Closes the workbench and removes its data directory. */
  dispose(): Promise<void>;
}

/** Starts a workbench on a free port with a fresh data directory. */
export async function startTestWorkbench(overrides: Partial<WorkbenchConfig> = {}, options: StartOptions = {}): Promise<TestWorkbench> {
  const dataDirectory = tempDirectory('data');
  const running = await startWorkbench(testConfig(dataDirectory, overrides), options);
  return {
    ...running,
    dataDirectory,
    dispose: async () => {
      await running.close();
      removeDirectory(dataDirectory);
    },
  };
}

/** An HTTP answer with its parsed JSON body. */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** Sends a request and reads the answer; a body that is not a string is sent as JSON. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/**
 * Sends a request to a contract route and asserts that the answer is JSON
 * matching the document's response schema for its status.
 */
export async function callContract(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<JsonAnswer> {
  const answer = await call(baseUrl, method, path, options);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path} ${answer.status} is not JSON`);
  assert.notEqual(answer.body, undefined, `${method} ${path} ${answer.status}: body is not JSON: ${answer.text}`);
  assert.deepEqual(
    responseErrors(loadContract(), method, path, answer.status, answer.body),
    [],
    `${method} ${path} ${answer.status}: ${answer.text}`,
  );
  return answer;
}

/** A bearer token from the workbench's token endpoint (HTTP Basic). */
export async function fetchToken(baseUrl: string, clientId = 'workbench', clientSecret = 'workbench'): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { access_token: string }).access_token;
}

/** An 18-character Task id whose last characters encode `n`. */
export function taskId(n: number): string {
  return `00T5g00000${String(n).padStart(8, '0')}`;
}

/** An 18-character User id whose last characters encode `n`. */
export function userId(n: number): string {
  return `0055g00000${String(n).padStart(8, '0')}`;
}

/** A valid Task change (upsert unless the operation says otherwise). */
export function taskChange(
  task: number,
  sequence: number,
  overrides: {
    operation?: 'upsert' | 'delete' | 'undelete';
    fields?: Record<string, unknown>;
    ownerEmail?: string;
    siaTaskId?: string | null;
  } = {},
): Record<string, unknown> & { idempotencyKey: string; taskId: string } {
  const operation = overrides.operation ?? 'upsert';
  const id = taskId(task);
  return {
    idempotencyKey: `${ORG_ID}:${id}:${sequence}`,
    sequence,
    operation,
    taskId: id,
    siaTaskId: overrides.siaTaskId ?? null,
    ownerId: userId(1),
    ownerEmail: overrides.ownerEmail ?? 'rep@example.com',
    origin: 'live',
    changedAt: `2026-11-29T10:${String(Math.min(sequence, 59)).padStart(2, '0')}:00Z`,
    ...(operation === 'delete' ? {} : { fields: overrides.fields ?? { subject: `Task ${task} v${sequence}` } }),
  };
}

/** A Task-change batch of the test org. */
export function taskBatch(changes: readonly unknown[], batchId = 'test-batch'): Record<string, unknown> {
  return { orgId: ORG_ID, batchId, changes };
}

/** The `results` of a 200 answer. */
export function resultsOf(answer: JsonAnswer): Record<string, unknown>[] {
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as { results: Record<string, unknown>[] }).results;
}

/** A user-settings batch turning `email`'s task sync to `taskSyncMode` at `changedAt` (user 1, sequence 1). */
export function syncModeBatch(email: string, taskSyncMode: string, changedAt: string, batchId = 'settings'): Record<string, unknown> {
  return {
    orgId: ORG_ID,
    batchId,
    changes: [{ idempotencyKey: `${ORG_ID}:${userId(1)}:1`, sequence: 1, userId: userId(1), userEmail: email, changedAt, taskSyncMode }],
  };
}
