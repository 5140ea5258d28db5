/**
 * The round trip's side of Salesforce, entirely through the injected sf CLI (`context.sf`): records
 * with `sf data`, REST resources (Connect REST's named-credential resources) with `sf api request
 * rest`, and the package's services with `sf apex run` where the package offers no REST entry
 * point (the settings page's own actions: they run as the admin, as the page would). sf holds and
 * refreshes the session, so no access token passes through this process — sf 2.146 redacts it in
 * `sf org display --json` anyway. Request bodies go in a 0600 temporary file named by `--body`,
 * never on the command line, so a secret in one is in neither argv nor a log.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restRefusal } from '../deploy/heartbeat.ts';
import { field, queryRecords, type Sf, type SfAnswer } from '../sf/sf.ts';

/** An sf call that did not do what was asked; the message is sf's or the org's own. */
export class SalesforceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SalesforceError';
  }
}

/** A REST answer: sf's exit code (1 for HTTP ≥ 400) and the body it printed, parsed when JSON. */
export interface RestAnswer {
  readonly ok: boolean;
  readonly body: unknown;
  /** One line: the org's error, for a refusal. */
  readonly refusal: string;
}

/** The line the round trip's anonymous Apex prints its answer on, after this marker. */
export const APEX_MARKER = 'SISYNC_E2E ';

/** Record field values as `sf data … --values` takes them: `Subject='Call back' Priority='High'`. */
export function valuesArgument(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      if (value.includes("'")) throw new SalesforceError(`${name}: a value for sf data --values cannot hold a single quote`);
      return `${name}='${value}'`;
    })
    .join(' ');
}

function jsonOf(text: string): unknown {
  const start = text.search(/[[{]/);
  if (start === -1) return undefined;
  try {
    return JSON.parse(text.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}

function answerError(answer: SfAnswer, what: string): SalesforceError {
  const errors = field(answer.result, 'errors');
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const said = typeof first === 'object' && first !== null ? JSON.stringify(first) : (answer.message ?? `sf exited ${answer.status}`);
  return new SalesforceError(`${what}: ${said.split('\n')[0] ?? said}`);
}

/**
 * Reads the answer of `sf apex run --json`: the JSON the script printed after {@link APEX_MARKER}.
 * @throws SalesforceError for a compile problem, an exception, or no marker line
 */
export function apexAnswer(answer: SfAnswer): unknown {
  const result = answer.result;
  if (answer.status !== 0 && result === undefined) throw new SalesforceError(`sf apex run failed: ${answer.message ?? answer.status}`);
  if (field(result, 'compiled') === false)
    throw new SalesforceError(`anonymous Apex did not compile: ${String(field(result, 'compileProblem'))}`);
  if (field(result, 'success') === false) {
    throw new SalesforceError(`anonymous Apex threw: ${String(field(result, 'exceptionMessage') ?? 'an exception')}`);
  }
  const logs = field(result, 'logs');
  const line =
    typeof logs === 'string' ? logs.split('\n').find((entry) => entry.includes(`|USER_DEBUG|`) && entry.includes(APEX_MARKER)) : undefined;
  if (line === undefined) throw new SalesforceError('anonymous Apex ran but printed no answer (is USER_DEBUG in its log level?)');
  try {
    return JSON.parse(line.slice(line.indexOf(APEX_MARKER) + APEX_MARKER.length).trim()) as unknown;
  } catch {
    throw new SalesforceError('anonymous Apex printed an answer that is not JSON');
  }
}

/** The org as the round trip uses it. */
export class SalesforceClient {
  readonly #sf: Sf;
  readonly #org: string;
  readonly apiVersion: string;

  /**
   * @param sf the injected sf CLI
   * @param org the alias or username to pass as --target-org
   * @param apiVersion the REST API version, e.g. `66.0`
   */
  constructor(sf: Sf, org: string, apiVersion: string) {
    this.#sf = sf;
    this.#org = org;
    this.apiVersion = apiVersion;
  }

  /** Creates a record; returns its id. */
  async create(sobject: string, values: Readonly<Record<string, string>>): Promise<string> {
    const answer = await this.#sf.json([
      'data',
      'create',
      'record',
      '--sobject',
      sobject,
      '--values',
      valuesArgument(values),
      '--target-org',
      this.#org,
    ]);
    const id = field(answer.result, 'id');
    if (answer.status !== 0 || typeof id !== 'string') throw answerError(answer, `creating a ${sobject} was refused`);
    return id;
  }

  /** Updates a record. */
  async update(sobject: string, id: string, values: Readonly<Record<string, string>>): Promise<void> {
    const answer = await this.#sf.json([
      'data',
      'update',
      'record',
      '--sobject',
      sobject,
      '--record-id',
      id,
      '--values',
      valuesArgument(values),
      '--target-org',
      this.#org,
    ]);
    if (answer.status !== 0) throw answerError(answer, `updating ${sobject} ${id} was refused`);
  }

  /** Deletes a record. */
  async delete(sobject: string, id: string): Promise<void> {
    const answer = await this.#sf.json(['data', 'delete', 'record', '--sobject', sobject, '--record-id', id, '--target-org', this.#org]);
    if (answer.status !== 0) throw answerError(answer, `deleting ${sobject} ${id} was refused`);
  }

  /** Runs SOQL (`allRows`: deleted records too); returns the records. */
  async query(soql: string, options: { readonly allRows?: boolean } = {}): Promise<readonly Record<string, unknown>[]> {
    const answer = await this.#sf.json([
      'data',
      'query',
      '--query',
      soql,
      ...(options.allRows === true ? ['--all-rows'] : []),
      '--target-org',
      this.#org,
    ]);
    if (answer.status !== 0) throw answerError(answer, 'the query was refused');
    return queryRecords(answer);
  }

  /** `sf sobject describe`: the object's fields as sf prints them (`name`, `createable`, …). */
  async describeFields(sobject: string): Promise<readonly Record<string, unknown>[]> {
    const answer = await this.#sf.json(['sobject', 'describe', '--sobject', sobject, '--target-org', this.#org]);
    if (answer.status !== 0) throw answerError(answer, `describing ${sobject} was refused`);
    const fields = field(answer.result, 'fields');
    return Array.isArray(fields) ? (fields as Record<string, unknown>[]) : [];
  }

  /** `/services/data/vXX.X` + path. */
  dataPath(path: string): string {
    return `/services/data/v${this.apiVersion}${path}`;
  }

  /** A REST call through `sf api request rest`; a body is written to a 0600 file first. */
  async rest(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<RestAnswer> {
    const directory = body === undefined ? undefined : mkdtempSync(join(tmpdir(), 'sisync-e2e-body-'));
    try {
      const bodyArgs: string[] = [];
      if (directory !== undefined) {
        const file = join(directory, 'body.json');
        writeFileSync(file, JSON.stringify(body), { mode: 0o600 });
        bodyArgs.push('--body', `@${file}`);
      }
      const run = await this.#sf.text(['api', 'request', 'rest', path, '--method', method, ...bodyArgs, '--target-org', this.#org]);
      return { ok: run.code === 0, body: jsonOf(run.stdout), refusal: run.code === 0 ? '' : restRefusal(run.stdout, run.stderr) };
    } finally {
      if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    }
  }

  /**
   * Runs anonymous Apex as the org's user (the admin) and returns what it printed after the
   * marker; `source` must end by printing one line with {@link apexPrint}.
   */
  async apex(source: string): Promise<unknown> {
    const directory = mkdtempSync(join(tmpdir(), 'sisync-e2e-apex-'));
    try {
      const file = join(directory, 'e2e.apex');
      writeFileSync(file, source, { mode: 0o600 });
      return apexAnswer(await this.#sf.json(['apex', 'run', '--file', file, '--target-org', this.#org]));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
}

/** The Apex statement that prints an expression's JSON for {@link SalesforceClient.apex}. */
export function apexPrint(expression: string): string {
  return `System.debug(LoggingLevel.ERROR, '${APEX_MARKER}' + JSON.serialize(${expression}));`;
}
