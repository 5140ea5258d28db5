/**
 * What stands in for the org and the tunnel in org:e2e's offline tests — nothing of it runs in
 * the command itself:
 *
 * - an **sf wrapper** around the fake sf: every call still goes to the fake sf (recorded answers),
 *   and the wrapper also watches what a real org would act on — the Connect REST bodies (the URL,
 *   the token URL, the client id and secret the command set), Task DML — and answers what only an
 *   org can know: Task queries by SIA id, and the package's services run through `sf apex run`;
 * - the **package's relay**, played: each Task change is sent as a contract `TaskChange` to the
 *   URL the Named Credential was given, with an OAuth token from the token URL it was given, with
 *   the client id and secret the principal was given; 429/503 are retried after Retry-After with
 *   the same keys, a 401 pauses delivery until resume (as the real relay does);
 * - the org's **Apex REST** (`instanceUrl` of the workbench's delivery target): SIA task changes
 *   checked against the signing policy (the key, or the recorded opt-out), then applied to Tasks;
 *   the setup heartbeat answered as the contract says;
 * - the **tunnel**: an HTTP proxy the "public URL" maps to, forwarding to the workbench.
 */
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../../contract/signature.ts';
import { APEX_MARKER } from '../../e2e/salesforce.ts';
import type { Progress } from '../../e2e/steps/first-sync.ts';
import type { Sf, SfAnswer } from '../../sf/sf.ts';
import { emailOrg, NOT_MINE, type EmailOrg, type EmailOrgOptions } from './org-e2e-email-stand-in.ts';

/** The public URL the tests pass as --workbench-url (the recorded Connect REST answers hold it). */
export const PUBLIC_URL = 'https://sisync-e2e.trycloudflare.example';
/** The admin of the recorded `org display` / User query. */
export const ADMIN_EMAIL = 'ada.admin@example.com';
const ADMIN_ID = '005Ws00000AbCdEIAV';

interface Task {
  Id: string;
  Subject: string;
  Status: string;
  Priority: string;
  IsClosed: boolean;
  IsDeleted: boolean;
  SiaTaskId: string | null;
  sequence: number;
  /** Epoch ms, as set at creation (audit fields) or by the last change. */
  CreatedDate: number;
  LastModifiedDate: number;
  deletedAt: number | null;
  /** Changed while no trigger sent it (sync off): the first-time sync's to send. */
  unsent: boolean;
}

/** One first-time sync, as InitialSyncService.myProgress answers it: what the e2e step reads. */
export type FirstSyncRun = Progress;

/** What the org stand-in was told and holds. */
export interface OrgState {
  calloutUrl: string | null;
  tokenUrl: string | null;
  clientId: string | null;
  clientSecret: string | null;
  acceptUnsigned: boolean;
  pausedAt: string | null;
  pauseReason: string | null;
  /** The admin's task-sync mode; the trigger captures only under twoWay. */
  mode: string;
  twoWayFirstEnabledAt: number | null;
  readonly firstSyncs: FirstSyncRun[];
  readonly tasks: Map<string, Task>;
  /** Every request the relay sent and the status it got. */
  readonly relayed: { readonly status: number; readonly keys: string[] }[];
}

export interface StandInOptions {
  readonly orgId: string;
  /** The org's active signing key (null: none). */
  readonly signingKey: string | null;
  /** false: the relay never sends (a broken org), so the emulator never sees a Task change. */
  readonly relay?: boolean;
  /** The first-time sync's window in hours (the package's is 24); a broken org pushes more. */
  readonly initialWindowHours?: number;
  /** false: a re-enable does not replay deletions (a broken org). */
  readonly replayDeletes?: boolean;
  /** How the org's e-mail logging misbehaves (nothing by default). */
  readonly email?: EmailOrgOptions;
}

export interface OrgStandIn {
  readonly state: OrgState;
  /** The org's e-mail logging: its settings, BCC. */
  readonly email: EmailOrg;
  /** The org's instance URL for the workbench's delivery. */
  readonly instanceUrl: string;
  /** The tunnel's local URL; {@link OrgStandIn.forwardTo} sets where it goes. */
  readonly tunnelUrl: string;
  forwardTo(url: string): void;
  /** The fake sf with the org's behaviour around it. */
  wrap(sf: Sf): Sf;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function after(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at === -1 ? undefined : argv[at + 1];
}

function valuesOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/(\w+)='([^']*)'/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

function apexRun(printed: unknown): SfAnswer {
  const logs = `66.0 APEX_CODE,DEBUG\nExecute Anonymous: …\n12:00:00.12 (1234567)|USER_DEBUG|[2]|ERROR|${APEX_MARKER}${JSON.stringify(printed)}\n`;
  return {
    status: 0,
    result: {
      success: true,
      compiled: true,
      compileProblem: '',
      exceptionMessage: '',
      exceptionStackTrace: '',
      line: -1,
      column: -1,
      logs,
    },
  };
}

function apexThrew(message: string): SfAnswer {
  return {
    status: 1,
    result: {
      success: false,
      compiled: true,
      compileProblem: '',
      exceptionMessage: message,
      exceptionStackTrace: 'AnonymousBlock: line 1, column 1',
      line: 1,
      column: 1,
      logs: '',
    },
  };
}

/** Starts the stand-in's servers. */
export async function startOrgStandIn(options: StandInOptions): Promise<OrgStandIn> {
  const state: OrgState = {
    calloutUrl: null,
    tokenUrl: null,
    clientId: null,
    clientSecret: null,
    acceptUnsigned: false,
    pausedAt: null,
    pauseReason: null,
    mode: 'none',
    twoWayFirstEnabledAt: null,
    firstSyncs: [],
    tasks: new Map(),
    relayed: [],
  };
  let target = '';
  const tunnel = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const forwarded = httpRequest(url, { method: req.method ?? 'GET', headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  const tunnelUrl = await listen(tunnel);
  const mapped = (url: string): string => url.replace(PUBLIC_URL, tunnelUrl);

  // The package's relay: an outbox in order, sent one change at a time.
  const outbox: Record<string, unknown>[] = [];
  let pumping: Promise<void> | undefined;
  const token = async (): Promise<string> => {
    const response = await fetch(mapped(state.tokenUrl ?? ''), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${state.clientId ?? ''}:${state.clientSecret ?? ''}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json()) as { access_token?: string };
    return body.access_token ?? '';
  };
  const send = async (path: string, envelope: unknown): Promise<Response> =>
    fetch(`${mapped(state.calloutUrl ?? '')}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    });
  const pump = (): Promise<void> => {
    pumping ??= (async () => {
      while (outbox.length > 0 && state.pausedAt === null && options.relay !== false) {
        const change = outbox[0];
        const response = await send('/v1/salesforce/task-changes', {
          orgId: options.orgId,
          batchId: `relay-${Date.now()}`,
          changes: [change],
        });
        state.relayed.push({ status: response.status, keys: [String(change?.['idempotencyKey'])] });
        await response.text();
        if (response.status === 200) outbox.shift();
        else if (response.status === 401 || response.status === 403) {
          state.pausedAt = new Date().toISOString();
          state.pauseReason = `HTTP ${response.status}`;
        } else await new Promise((resolve) => setTimeout(resolve, Math.min(Number(response.headers.get('retry-after') ?? '1'), 2) * 1000));
      }
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  };
  const enqueue = (task: Task, operation: 'upsert' | 'delete', origin = 'live'): void => {
    task.unsent = false;
    task.sequence += 1;
    outbox.push({
      idempotencyKey: `${options.orgId}:${task.Id}:${task.sequence}`,
      sequence: task.sequence,
      operation,
      taskId: task.Id,
      siaTaskId: task.SiaTaskId,
      ownerId: ADMIN_ID,
      ownerEmail: ADMIN_EMAIL,
      origin,
      changedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      ...(operation === 'delete'
        ? {}
        : { fields: { subject: task.Subject, status: task.Status, priority: task.Priority, isClosed: task.IsClosed } }),
    });
    void pump();
  };
  /** The trigger: reads the mode on every change, and captures only under two-way sync. */
  const capture = (task: Task, operation: 'upsert' | 'delete'): void => {
    if (state.mode === 'twoWay') enqueue(task, operation);
    else task.unsent = true;
  };
  /** InitialSyncService.start, played: the window's live Tasks, then (re-enabling) the deletions of 15 days. */
  const firstSync = (now: number, replaysDeletes: boolean): void => {
    const windowStart = now - (options.initialWindowHours ?? 24) * 3_600_000;
    let queued = 0;
    let alreadySynced = 0;
    for (const task of state.tasks.values()) {
      if (task.IsDeleted || Math.max(task.CreatedDate, task.LastModifiedDate) < windowStart) continue;
      if (task.unsent || task.sequence === 0) {
        enqueue(task, 'upsert', 'initial');
        queued += 1;
      } else alreadySynced += 1;
    }
    if (replaysDeletes && options.replayDeletes !== false) {
      for (const task of state.tasks.values()) {
        if (!task.IsDeleted || !task.unsent || (task.deletedAt ?? 0) < now - 15 * 86_400_000) continue;
        enqueue(task, 'delete', 'initial');
        queued += 1;
      }
    }
    state.firstSyncs.push({ state: 'done', queued, alreadySynced, failed: 0, lastError: null, replaysDeletes });
  };

  // The org's Apex REST, as the workbench's delivery reaches it.
  let nextTask = 1;
  const newTaskId = (): string => `00TWs00000Sia${String(nextTask++).padStart(3, '0')}EAV`.slice(0, 18);
  const apexRest = createServer((req, res) => {
    void readAll(req).then((body) => {
      const header = (name: string): string | null => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
      const verdict = verifySignature({
        keys: options.signingKey === null ? [] : [options.signingKey],
        now: Math.floor(Date.now() / 1000),
        timestampHeader: header('x-sia-timestamp'),
        signatureHeader: header('x-sia-signature'),
        body,
      });
      const answer = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      const heartbeat = (req.url ?? '').endsWith('/v1/setup/heartbeat');
      const activities = (req.url ?? '').endsWith('/v1/email-activities');
      if (verdict.reason === 'notConfigured' && !state.acceptUnsigned && !heartbeat) {
        answer(401, {
          error: { code: 'SIGNING_NOT_CONFIGURED', message: 'This org has no inbound signing key and does not accept unsigned calls.' },
        });
        return;
      }
      if (!verdict.valid) {
        answer(401, { error: { code: 'INVALID_SIGNATURE', message: `signature ${verdict.reason}` } });
        return;
      }
      if (heartbeat) {
        const recorded = JSON.parse(readFileSync(new URL('../fixtures/api-request-rest-heartbeat.json', import.meta.url), 'utf8')) as {
          $stdout: string;
        };
        answer(200, JSON.parse(recorded.$stdout));
        return;
      }
      if (activities) {
        answer(200, mail.logActivities(body));
        return;
      }
      const { changes } = JSON.parse(body) as {
        changes: { eventId: string; siaTaskId: string; operation: string; salesforceTaskId?: string; fields?: { name?: string } }[];
      };
      const results = changes.map((change) => {
        let task = [...state.tasks.values()].find((known) => known.SiaTaskId === change.siaTaskId);
        if (task === undefined && change.operation === 'create') {
          task = {
            Id: newTaskId(),
            Subject: change.fields?.name ?? '',
            Status: 'Not Started',
            Priority: 'Normal',
            IsClosed: false,
            IsDeleted: false,
            SiaTaskId: change.siaTaskId,
            sequence: 0,
            CreatedDate: Date.now(),
            LastModifiedDate: Date.now(),
            deletedAt: null,
            unsent: false,
          };
          state.tasks.set(task.Id, task);
        }
        if (task === undefined)
          return { eventId: change.eventId, status: 'rejected', taskId: null, reason: 'TASK_NOT_FOUND: no such task' };
        if (change.operation === 'complete') Object.assign(task, { Status: 'Completed', IsClosed: true });
        if (change.operation === 'delete') task.IsDeleted = true;
        return { eventId: change.eventId, status: 'applied', taskId: task.Id };
      });
      answer(200, { results });
    });
  });
  const instanceUrl = await listen(apexRest);

  /** A user-settings change of the admin, through the outbox, as UserSettingsChange queues it. */
  let settingsSequence = 0;
  const sendSettingsChange = async (members: Record<string, unknown>): Promise<void> => {
    settingsSequence += 1;
    const now = Date.now();
    const response = await send('/v1/salesforce/user-settings', {
      orgId: options.orgId,
      batchId: `settings-${now}`,
      changes: [
        {
          idempotencyKey: `${options.orgId}:${ADMIN_ID}:${settingsSequence}`,
          sequence: settingsSequence,
          userId: ADMIN_ID,
          userEmail: ADMIN_EMAIL,
          changedAt: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
          ...members,
        },
      ],
    });
    await response.text();
  };
  const mail = emailOrg(ADMIN_EMAIL, sendSettingsChange, options.email);
  const apex = async (source: string): Promise<SfAnswer> => {
    const mine = await mail.apex(source);
    if (mine !== NOT_MINE) return apexRun(mine);
    if (source.includes('acceptUnsignedCalls(true)')) {
      if (options.signingKey !== null) return apexThrew('A signing key is active, so unsigned calls are refused.');
      state.acceptUnsigned = true;
      return apexRun({ unsignedRefused: false, keys: [] });
    }
    if (source.includes('ConnectionService.check')) {
      try {
        const response = await fetch(`${mapped(state.calloutUrl ?? '')}/v1/salesforce/connection`, {
          headers: { authorization: `Bearer ${await token()}` },
        });
        const body = (await response.json()) as { connected?: boolean; account?: { name?: string } };
        return apexRun(
          response.status === 200 && body.connected === true
            ? { status: 'connected', accountName: body.account?.name ?? null, message: 'Connected.' }
            : { status: 'notAuthorized', accountName: null, message: `HTTP ${response.status}` },
        );
      } catch (error: unknown) {
        return apexRun({ status: 'unreachable', accountName: null, message: String(error) });
      }
    }
    if (source.includes('setMyMode')) {
      const mode = /setMyMode\('(\w+)'\)/.exec(source)?.[1] ?? '';
      const now = Date.now();
      if (mode === state.mode) return apexRun(mode);
      const turnsOn = mode === 'twoWay';
      const enabledBefore = state.twoWayFirstEnabledAt !== null;
      state.mode = mode;
      await sendSettingsChange({ taskSyncMode: mode });
      if (turnsOn) {
        state.twoWayFirstEnabledAt ??= now;
        firstSync(now, enabledBefore);
      }
      return apexRun(mode);
    }
    if (source.includes('InitialSyncService.myProgress')) return apexRun(state.firstSyncs.at(-1) ?? null);
    if (source.includes('.taskSyncMode()')) return apexRun(state.mode);
    if (source.includes('SyncHealthService.resume')) {
      state.pausedAt = null;
      state.pauseReason = null;
      void pump();
      return apexRun(0);
    }
    if (source.includes('SyncHealthService.health')) return apexRun({ pausedAt: state.pausedAt, pauseReason: state.pauseReason });
    return apexThrew('the stand-in does not know this script');
  };

  const wrap = (sf: Sf): Sf => ({
    async json(args, callOptions) {
      const words = args.slice(0, 2).join(' ');
      if (words === 'apex run') {
        const file = after(args, '--file');
        return apex(file === undefined ? '' : readFileSync(file, 'utf8'));
      }
      if (words === 'data query' && (after(args, '--query') ?? '').includes('SiaTaskId__c')) {
        const id = /SiaTaskId__c = '([^']+)'/.exec(after(args, '--query') ?? '')?.[1];
        const records = [...state.tasks.values()]
          .filter((task) => task.SiaTaskId === id && (args.includes('--all-rows') || !task.IsDeleted))
          .map((task) => ({
            attributes: { type: 'Task', url: `/services/data/v66.0/sobjects/Task/${task.Id}` },
            Id: task.Id,
            Subject: task.Subject,
            Status: task.Status,
            IsClosed: task.IsClosed,
            IsDeleted: task.IsDeleted,
          }));
        return { status: 0, result: { records, totalSize: records.length, done: true }, warnings: [] };
      }
      if (words === 'data query') {
        const answered = mail.query(after(args, '--query') ?? '');
        if (answered !== undefined) return answered;
      }
      const answer = await sf.json(args, callOptions);
      if (answer.status !== 0) return answer;
      const values = valuesOf(after(args, '--values') ?? '');
      if (args.join(' ').startsWith('data create record')) {
        mail.created(after(args, '--sobject') ?? '', String((answer.result as { id: string }).id), values);
      }
      if (args.join(' ').startsWith('data create record --sobject Task')) {
        const id = String((answer.result as { id: string }).id);
        const created = values['CreatedDate'] === undefined ? Date.now() : Date.parse(values['CreatedDate']);
        const task: Task = {
          Id: id,
          Subject: values['Subject'] ?? '',
          Status: values['Status'] ?? 'Not Started',
          Priority: values['Priority'] ?? 'Normal',
          IsClosed: values['Status'] === 'Completed',
          IsDeleted: false,
          SiaTaskId: null,
          sequence: 0,
          CreatedDate: created,
          LastModifiedDate: values['LastModifiedDate'] === undefined ? created : Date.parse(values['LastModifiedDate']),
          deletedAt: null,
          unsent: false,
        };
        state.tasks.set(id, task);
        capture(task, 'upsert');
      } else if (args.join(' ').startsWith('data update record --sobject Task')) {
        const task = state.tasks.get(after(args, '--record-id') ?? '');
        if (task !== undefined) {
          if (values['Subject'] !== undefined) task.Subject = values['Subject'];
          if (values['Status'] !== undefined) Object.assign(task, { Status: values['Status'], IsClosed: values['Status'] === 'Completed' });
          task.LastModifiedDate = Date.now();
          capture(task, 'upsert');
        }
      } else if (args.join(' ').startsWith('data delete record --sobject Task')) {
        const task = state.tasks.get(after(args, '--record-id') ?? '');
        if (task !== undefined) {
          task.IsDeleted = true;
          task.deletedAt = Date.now();
          capture(task, 'delete');
        }
      }
      return answer;
    },
    show: (args) => sf.show(args),
    async text(args) {
      const bodyFile = after(args, '--body');
      const method = after(args, '--method');
      const path = args[3] ?? '';
      if (bodyFile?.startsWith('@') === true && (method === 'PUT' || method === 'POST')) {
        const body = JSON.parse(readFileSync(bodyFile.slice(1), 'utf8')) as Record<string, unknown>;
        if (path.includes('/named-credential-setup/')) state.calloutUrl = String(body['calloutUrl']);
        if (path.includes('/external-credentials/')) {
          const parameters = body['parameters'] as { parameterType: string; parameterValue?: string }[];
          state.tokenUrl = parameters.find((parameter) => parameter.parameterType === 'AuthProviderUrl')?.parameterValue ?? null;
        }
        if (path.endsWith('/named-credentials/credential')) {
          const credentials = body['credentials'] as Record<string, { value: string }>;
          state.clientId = credentials['clientId']?.value ?? null;
          state.clientSecret = credentials['clientSecret']?.value ?? null;
        }
      }
      return sf.text(args);
    },
  });

  return {
    state,
    email: mail,
    instanceUrl,
    tunnelUrl,
    forwardTo: (url) => {
      target = url;
    },
    wrap,
    close: async () => {
      await pumping;
      for (const server of [tunnel, apexRest]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
