/**
 * The workbench's own API (`/_workbench/…`, docs/workbench.md) over HTTP with `fetch`: what SIA
 * received (receipts, in processing order), its users, the reminders created in SIA, the faults,
 * and the delivery into the org (pause, resume, heartbeat). Nothing here is a copy of the
 * workbench's logic: the answers are read as the API gives them.
 */

/** An answer the API refused, or one that was not JSON. */
export class WorkbenchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/** One receipt: a change SIA processed, in order (`GET /_workbench/receipts`). */
export interface Receipt {
  readonly kind: string;
  readonly idempotencyKey: string;
  readonly status: string;
  readonly siaTaskId: string | null;
  readonly reason: string | null;
  /** The item's canonical payload, parsed (operation, fields, …). */
  readonly item: Record<string, unknown>;
}

/**
 * An e-mail or call logged in SIA, as `GET /_workbench/email-activities` shows its delivery:
 * `state` `done` (the org's `status` in `detail`: applied, duplicate, unresolved), `rejected` (the
 * org's reason in `detail`), `pending` or null (not answered yet).
 */
export interface EmailActivityRow {
  readonly siaMessageId: string;
  readonly state: string | null;
  readonly detail: string | null;
  readonly taskIds: readonly string[];
}

/** A fault rule as `POST /_workbench/faults` takes it. */
export interface FaultRule {
  readonly kind: 'rateLimit' | 'unavailable' | 'unauthorized' | 'slow' | 'drop';
  readonly fraction?: number;
  readonly retryAfterSeconds?: number;
  readonly limit?: number;
}

/** A fault rule with its counters. */
export interface FaultState extends FaultRule {
  readonly seen: number;
  readonly affected: number;
}

/** The sequence part of an idempotency key `<orgId>:<recordId>:<sequence>`. */
export function sequenceOf(key: string): number {
  return Number(key.split(':')[2] ?? Number.NaN);
}

/** The record part of an idempotency key. */
export function recordOf(key: string): string {
  return key.split(':')[1] ?? '';
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A client of one workbench. */
export class WorkbenchClient {
  readonly baseUrl: string;
  readonly #timeoutMs: number;

  /**
   * @param baseUrl e.g. `http://127.0.0.1:4321` (no trailing slash)
   * @param timeoutMs per request
   */
  constructor(baseUrl: string, timeoutMs = 30_000) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = timeoutMs;
  }

  /** One request; the parsed body of a 2xx answer. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error: unknown) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new WorkbenchError(
        `${method} ${this.baseUrl}${path} got no answer (${error instanceof Error ? error.message : String(error)}${cause})`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new WorkbenchError(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 120)}`);
    }
    if (!response.ok) {
      const error = asRecord(asRecord(parsed)['error']);
      throw new WorkbenchError(
        `${method} ${path} answered ${response.status} ${String(error['code'] ?? '')}: ${String(error['message'] ?? text.slice(0, 120))}`,
      );
    }
    return parsed;
  }

  /** `GET /healthz` is `{"status":"ok"}`. */
  async healthy(): Promise<boolean> {
    try {
      return asRecord(await this.request('GET', '/healthz'))['status'] === 'ok';
    } catch {
      return false;
    }
  }

  /** Every receipt, in processing order. */
  async receipts(): Promise<Receipt[]> {
    const list = asRecord(await this.request('GET', '/_workbench/receipts'))['receipts'];
    return (Array.isArray(list) ? list : []).map((entry) => {
      const receipt = asRecord(entry);
      const canonical = receipt['canonical'];
      let item: Record<string, unknown> = {};
      if (typeof canonical === 'string') {
        try {
          item = asRecord(JSON.parse(canonical));
        } catch {
          item = {};
        }
      } else item = asRecord(canonical);
      return {
        kind: String(receipt['kind'] ?? ''),
        idempotencyKey: String(receipt['idempotencyKey'] ?? ''),
        status: String(receipt['status'] ?? ''),
        siaTaskId: typeof receipt['siaTaskId'] === 'string' ? receipt['siaTaskId'] : null,
        reason: typeof receipt['reason'] === 'string' ? receipt['reason'] : null,
        item,
      };
    });
  }

  /** The task SIA holds for a Salesforce Task id, or undefined. */
  async task(taskId: string): Promise<Record<string, unknown> | undefined> {
    const list = asRecord(await this.request('GET', '/_workbench/tasks'))['tasks'];
    return (Array.isArray(list) ? list : []).map(asRecord).find((task) => task['taskId'] === taskId);
  }

  /** `GET /_workbench/users/{email}`, or undefined for a user SIA does not know (404). */
  async user(email: string): Promise<Record<string, unknown> | undefined> {
    try {
      return asRecord(await this.request('GET', `/_workbench/users/${encodeURIComponent(email)}`));
    } catch (error: unknown) {
      if (error instanceof WorkbenchError && / answered 404 /.test(error.message)) return undefined;
      throw error;
    }
  }

  /** Creates (or keeps) a SIA user. */
  async putUser(email: string, timeZone = 'UTC'): Promise<void> {
    await this.request('PUT', `/_workbench/users/${encodeURIComponent(email)}`, { timeZone });
  }

  /** Creates a reminder in SIA for the user; returns its `siaTaskId`. */
  async createReminder(email: string, fields: Readonly<Record<string, unknown>>): Promise<string> {
    const created = asRecord(await this.request('POST', `/_workbench/users/${encodeURIComponent(email)}/sia-tasks`, fields));
    const id = created['siaTaskId'];
    if (typeof id !== 'string') throw new WorkbenchError('the created reminder has no siaTaskId');
    return id;
  }

  /** Edits a reminder (`{"status": "complete"}` completes it). */
  async editReminder(siaTaskId: string, fields: Readonly<Record<string, unknown>>): Promise<void> {
    await this.request('PATCH', `/_workbench/sia-tasks/${encodeURIComponent(siaTaskId)}`, fields);
  }

  /** Deletes a reminder. */
  async deleteReminder(siaTaskId: string): Promise<void> {
    await this.request('DELETE', `/_workbench/sia-tasks/${encodeURIComponent(siaTaskId)}`);
  }

  /**
   * Logs an e-mail or call in SIA for the user (`POST /_workbench/users/{email}/email-activities`,
   * e.g. `{kind: "sentEmail", to: "a@x.example", subject: "…"}`); returns its `siaMessageId`.
   */
  async logEmailActivity(email: string, fields: Readonly<Record<string, unknown>>): Promise<string> {
    const row = asRecord(await this.request('POST', `/_workbench/users/${encodeURIComponent(email)}/email-activities`, fields));
    const id = row['siaMessageId'];
    if (typeof id !== 'string') throw new WorkbenchError('the logged activity has no siaMessageId');
    return id;
  }

  /** One logged activity with its delivery: `state` null or `pending` until the org answered. */
  async emailActivity(siaMessageId: string): Promise<EmailActivityRow | undefined> {
    const list = asRecord(await this.request('GET', '/_workbench/email-activities'))['activities'];
    const row = (Array.isArray(list) ? list : []).map(asRecord).find((entry) => entry['siaMessageId'] === siaMessageId);
    if (row === undefined) return undefined;
    return {
      siaMessageId,
      state: typeof row['state'] === 'string' ? row['state'] : null,
      detail: typeof row['detail'] === 'string' ? row['detail'] : null,
      taskIds: Array.isArray(row['taskIds']) ? row['taskIds'].map(String) : [],
    };
  }

  /** Replaces the fault rules. */
  async setFaults(rules: readonly FaultRule[]): Promise<void> {
    await this.request('POST', '/_workbench/faults', { rules });
  }

  /** The fault rules with their counters. */
  async faults(): Promise<FaultState[]> {
    const list = asRecord(await this.request('GET', '/_workbench/faults'))['rules'];
    return (Array.isArray(list) ? list : []) as FaultState[];
  }

  /** No faults any more. */
  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/_workbench/faults');
  }

  /** `GET /_workbench/to-salesforce`: the org, the pause, every user's SIA tasks and their delivery. */
  async toSalesforce(): Promise<Record<string, unknown>> {
    return asRecord(await this.request('GET', '/_workbench/to-salesforce'));
  }

  /** Calls the org's setup heartbeat now; returns its last outcome. */
  async heartbeat(): Promise<Record<string, unknown>> {
    return asRecord(asRecord(await this.request('POST', '/_workbench/to-salesforce/heartbeat'))['last']);
  }

  /** Runs a delivery round now. */
  async round(): Promise<void> {
    await this.request('POST', '/_workbench/to-salesforce/round');
  }
}
