/**
 * The page at `/`: what is running and links to what exists. Plain HTML, no
 * script: the next workbench issue draws the pages.
 */
import type { WorkbenchConfig } from './config.ts';

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

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
  { method: 'GET', path: '/_workbench/faults', what: 'active fault rules (POST to set, DELETE to clear)', link: true },
];

/** The HTML of `/` for a running workbench at `baseUrl`. */
export function homePage(config: WorkbenchConfig, baseUrl: string): string {
  const rows = ENTRIES.map((e) => {
    const path = escapeHtml(e.path);
    const cell = e.link ? `<a href="${path}">${path}</a>` : `<code>${path}</code>`;
    return `<tr><td>${e.method}</td><td>${cell}</td><td>${escapeHtml(e.what)}</td></tr>`;
  }).join('\n');
  const auth = config.auth
    ? `on: get a token from <code>POST /oauth/token</code> with client id <code>${escapeHtml(config.clientId)}</code>`
    : '<strong>off</strong> (<code>--no-auth</code>): requests need no token';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sales Insight workbench</title></head>
<body>
<h1>Sales Insight workbench</h1>
<p>Running at <code>${escapeHtml(baseUrl)}</code>: the Sales Insight emulator, the receiving side of
<code>docs/contract/sales-insight-sync.openapi.yaml</code>. Point the package's <em>SalesInsight</em> Named Credential here.</p>
<ul>
<li>Authentication: ${auth}.</li>
<li>Data: <code>${escapeHtml(config.dataDirectory)}</code> (SQLite, WAL).</li>
<li>Org reported as linked: <code>${escapeHtml(config.orgId)}</code>.</li>
<li>Users: ${config.strictUsers ? 'strict (only users created with PUT /_workbench/users/{email})' : 'created by the changes that name them'}.</li>
</ul>
<table>
<thead><tr><th>method</th><th>route</th><th>what</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Not built yet: the Command Center and fault pages, the component preview, SIA → Salesforce calls.</p>
</body>
</html>
`;
}
