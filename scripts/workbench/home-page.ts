/**
 * The page at `/`: what is running, every view of the workbench, and its JSON API.
 */
import type { WorkbenchContext } from './context.ts';
import { card, escapeHtml, layout, table } from './pages/html.ts';
import { homeBody } from './pages/views.ts';

/** A link and what it is. */
interface Entry {
  readonly method: string;
  readonly path: string;
  readonly what: string;
  /** Only GET routes without parameters are links. */
  readonly link: boolean;
}

const ENTRIES: readonly Entry[] = [
  { method: 'GET', path: '/healthz', what: 'health check', link: true },
  { method: 'GET', path: '/openapi.yaml', what: 'the wire contract (OpenAPI 3.1) the emulator keeps to', link: true },
  { method: 'POST', path: '/oauth/token', what: 'OAuth 2.0 client credentials (HTTP Basic or form body)', link: false },
  { method: 'POST', path: '/v1/salesforce/task-changes', what: 'Task changes from Salesforce (sendTaskChanges)', link: false },
  { method: 'POST', path: '/v1/salesforce/user-settings', what: 'user-settings changes (sendUserSettings)', link: false },
  { method: 'GET', path: '/v1/salesforce/connection', what: 'connection check (checkConnection), needs a bearer token', link: false },
  { method: 'GET', path: '/_workbench/tasks', what: 'every task SIA holds, deleted ones as tombstones', link: true },
  { method: 'GET', path: '/_workbench/receipts', what: 'every idempotency key seen and its first result', link: true },
  { method: 'GET', path: '/_workbench/users', what: 'emulated SIA users, their time zones and settings', link: true },
  {
    method: 'GET',
    path: '/_workbench/users/{email}/command-center',
    what: "a user's Command Center: tasks due today and tomorrow",
    link: false,
  },
  { method: 'PUT', path: '/_workbench/users/{email}', what: 'set a user\'s time zone: {"timeZone": "Asia/Kathmandu"}', link: false },
  {
    method: 'POST',
    path: '/_workbench/users/{email}/sia-tasks',
    what: 'create a task in SIA: {"name": "Call Dana", "dueDate": "2026-12-03"}',
    link: false,
  },
  {
    method: 'PATCH',
    path: '/_workbench/sia-tasks/{siaTaskId}',
    what: 'edit or complete it ({"status": "complete"}); DELETE deletes it',
    link: false,
  },
  {
    method: 'GET',
    path: '/_workbench/users/{email}/to-salesforce',
    what: 'the SIA tasks that go to Salesforce (created at or after the cut-off)',
    link: false,
  },
  {
    method: 'POST',
    path: '/_workbench/users/{email}/email-activities',
    what: 'log an email or call as SIA would: {"kind": "call", "to": "dana@x.example", "subject": "Renewal", "callOutcome": "Connected"}',
    link: false,
  },
  {
    method: 'GET',
    path: '/_workbench/to-salesforce',
    what: 'SIA-originated changes per user and what became of each in the org (--org)',
    link: true,
  },
  {
    method: 'POST',
    path: '/_workbench/to-salesforce/round',
    what: 'deliver now (POST …/resume after an authentication pause)',
    link: false,
  },
  {
    method: 'GET',
    path: '/_workbench/to-salesforce/heartbeat',
    what: "the org's setup heartbeat: how often, its last outcome (POST calls it now; --org)",
    link: true,
  },
  { method: 'GET', path: '/_workbench/faults', what: 'active fault rules (POST to set, DELETE to clear)', link: true },
];

/** The HTML of `/` for a running workbench. */
export function homePage(ctx: WorkbenchContext): string {
  const rows = ENTRIES.map((e) => {
    const path = escapeHtml(e.path);
    return [e.method, e.link ? `<a href="${path}">${path}</a>` : `<code>${path}</code>`, escapeHtml(e.what)];
  });
  const api = card('JSON API', table('JSON API', ['Method', 'Route', 'What'], rows, ''), 'api');
  return layout({
    title: 'Sales Insight workbench',
    active: 'home',
    intro:
      'The Sales Insight emulator — the receiving side of docs/contract/sales-insight-sync.openapi.yaml — and the package’s settings page previewed without an org.',
    body: homeBody(ctx) + api,
  });
}
