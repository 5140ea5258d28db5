/**
 * The workbench's pages share one frame: SLDS, a navigation bar naming every view, and a small
 * script that sends a page's forms to the workbench's own JSON API (so the pages and the API can
 * never disagree) and shows the API's error — with the field it names — when it refuses.
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** SLDS's stylesheet, served from `@salesforce-ux/design-system` (`/assets/slds/…`). */
export const SLDS_CSS = '/assets/slds/styles/salesforce-lightning-design-system.min.css';

/** The views, in the navigation's order. */
export const VIEWS = [
  { id: 'home', path: '/', label: 'Home' },
  { id: 'users', path: '/pages/users', label: 'Users' },
  { id: 'command-center', path: '/pages/command-center', label: 'Command Center' },
  { id: 'reminders', path: '/pages/reminders', label: 'SIA reminders' },
  { id: 'changes', path: '/pages/changes', label: 'Change log' },
  { id: 'to-salesforce', path: '/pages/to-salesforce', label: 'To Salesforce' },
  { id: 'faults', path: '/pages/faults', label: 'Faults' },
  { id: 'preview', path: '/preview/', label: 'Settings-page preview' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/**
 * Sends `form[data-api-path]` to the JSON API: its named fields become the JSON body (empty ones
 * left out, `data-json="number"` fields as numbers, a `{field}` in the path filled from that field
 * instead); `data-api-body` gives a fixed body, `data-api-wrap` wraps the values in a one-item list.
 * On success the page reloads; on a refusal the API's message shows in the form's alert and the
 * field it names is marked invalid.
 */
const FORM_SCRIPT = `
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.apiPath) return;
  event.preventDefault();
  const alert = form.querySelector('[data-form-error]');
  for (const marked of form.querySelectorAll('.slds-has-error')) marked.classList.remove('slds-has-error');
  const inPath = new Set();
  const path = form.dataset.apiPath.replace(/\{(\w+)\}/g, (_, name) => { inPath.add(name); return encodeURIComponent(form.elements.namedItem(name)?.value ?? ''); });
  let body = form.dataset.apiBody;
  if (body === undefined) {
    const values = {};
    for (const field of form.elements) {
      if (!field.name || field.value === '' || inPath.has(field.name)) continue;
      values[field.name] = field.dataset.json === 'number' ? Number(field.value) : field.value;
    }
    body = form.dataset.apiWrap ? JSON.stringify({ [form.dataset.apiWrap]: [values] }) : JSON.stringify(values);
  }
  const method = form.dataset.apiMethod || 'POST';
  const response = await fetch(path, { method, headers: method === 'DELETE' ? {} : { 'content-type': 'application/json' }, body: method === 'DELETE' ? undefined : body });
  if (response.ok) { location.reload(); return; }
  const answer = await response.json().catch(() => ({}));
  const error = answer.error || {};
  if (alert) { alert.textContent = (error.field ? error.field + ': ' : '') + (error.message || 'HTTP ' + response.status); alert.hidden = false; }
  const field = error.field && form.elements.namedItem(error.field);
  if (field && field.closest) { field.closest('.slds-form-element')?.classList.add('slds-has-error'); field.setAttribute('aria-invalid', 'true'); }
});
`;

/** The navigation bar, the current view marked. */
function navigation(active: ViewId): string {
  const items = VIEWS.map(
    (view) =>
      `<li class="slds-context-bar__item${view.id === active ? ' slds-is-active' : ''}"><a href="${view.path}" class="slds-context-bar__label-action"${view.id === active ? ' aria-current="page"' : ''}><span class="slds-truncate">${escapeHtml(view.label)}</span></a></li>`,
  ).join('');
  return `<div class="slds-context-bar"><div class="slds-context-bar__primary"><div class="slds-context-bar__item slds-no-hover"><span class="slds-context-bar__label-action slds-context-bar__app-name"><span class="slds-truncate">Sales Insight workbench</span></span></div></div><nav class="slds-context-bar__secondary" role="navigation" aria-label="Workbench views"><ul class="slds-grid">${items}</ul></nav></div>`;
}

/** A whole page: the frame around `body`. */
export function layout(options: {
  readonly title: string;
  readonly active: ViewId;
  readonly intro?: string;
  readonly body: string;
}): string {
  const intro = options.intro ? `<p class="slds-text-body_regular slds-m-top_x-small">${options.intro}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)} — Sales Insight workbench</title>
<link rel="stylesheet" href="${SLDS_CSS}">
<style>html, body { background: #f3f3f3; } main { max-width: 90rem; margin: 0 auto; } td, th { vertical-align: top; } .slds-table td.wb-wrap { white-space: normal; overflow-wrap: anywhere; }</style></head>
<body>
${navigation(options.active)}
<main class="slds-p-around_medium">
<div class="slds-page-header slds-m-bottom_medium"><h1 class="slds-page-header__title">${escapeHtml(options.title)}</h1>${intro}</div>
${options.body}
</main>
<script>${FORM_SCRIPT}</script>
</body></html>
`;
}

/** An SLDS card with a title. */
export function card(title: string, body: string, id?: string): string {
  return `<article class="slds-card slds-m-bottom_medium"${id ? ` data-id="${escapeHtml(id)}"` : ''}><div class="slds-card__header"><h2 class="slds-card__header-title slds-text-heading_small">${escapeHtml(title)}</h2></div><div class="slds-card__body slds-card__body_inner">${body}</div></article>`;
}

/** An SLDS table; `rows` are already-escaped cells. An empty table says `empty` instead. */
export function table(label: string, headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `<p class="slds-text-color_weak" data-empty="true">${escapeHtml(empty)}</p>`;
  const head = headers.map((header) => `<th scope="col"><div class="slds-truncate">${escapeHtml(header)}</div></th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td class="wb-wrap">${cell}</td>`).join('')}</tr>`).join('');
  return `<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-label="${escapeHtml(label)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A labelled input in an SLDS form element. */
export function input(options: {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly type?: string;
  readonly required?: boolean;
  readonly json?: 'number';
}): string {
  const id = `field-${options.name}-${Math.random().toString(36).slice(2, 8)}`;
  return `<div class="slds-form-element slds-m-right_small slds-m-bottom_x-small"><label class="slds-form-element__label" for="${id}">${escapeHtml(options.label)}</label><div class="slds-form-element__control"><input class="slds-input" id="${id}" name="${escapeHtml(options.name)}" type="${options.type ?? 'text'}"${options.value === undefined ? '' : ` value="${escapeHtml(options.value)}"`}${options.required ? ' required' : ''}${options.json ? ` data-json="${options.json}"` : ''}></div></div>`;
}

/** A labelled select; a choice is its value, or `[value, label]`. */
export function select(name: string, label: string, choices: readonly (string | readonly [string, string])[], selected?: string): string {
  const id = `field-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const options = choices
    .map((choice) => {
      const [value, text] = typeof choice === 'string' ? [choice, choice] : choice;
      return `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(text)}</option>`;
    })
    .join('');
  return `<div class="slds-form-element slds-m-right_small slds-m-bottom_x-small"><label class="slds-form-element__label" for="${id}">${escapeHtml(label)}</label><div class="slds-form-element__control"><div class="slds-select_container"><select class="slds-select" id="${id}" name="${escapeHtml(name)}">${options}</select></div></div></div>`;
}

/** A form the script sends to the API; `fields` and `button` are HTML. */
export function apiForm(options: {
  readonly path: string;
  readonly method?: string;
  readonly body?: unknown;
  readonly wrap?: string;
  readonly fields?: string;
  readonly button: string;
  readonly variant?: 'brand' | 'neutral' | 'destructive';
  readonly label: string;
}): string {
  const attributes = [
    `data-api-path="${escapeHtml(options.path)}"`,
    `data-api-method="${options.method ?? 'POST'}"`,
    options.body === undefined ? '' : `data-api-body="${escapeHtml(JSON.stringify(options.body))}"`,
    options.wrap ? `data-api-wrap="${escapeHtml(options.wrap)}"` : '',
  ].join(' ');
  return `<form class="slds-grid slds-wrap slds-grid_vertical-align-end" aria-label="${escapeHtml(options.label)}" ${attributes}>${options.fields ?? ''}<button class="slds-button slds-button_${options.variant ?? 'brand'} slds-m-bottom_x-small" type="submit">${escapeHtml(options.button)}</button><div class="slds-text-color_error slds-size_1-of-1" role="alert" data-form-error hidden></div></form>`;
}

/** An SLDS badge. */
export function badge(text: string, tone: 'success' | 'warning' | 'error' | 'default' = 'default'): string {
  const theme = tone === 'default' ? '' : ` slds-theme_${tone}`;
  return `<span class="slds-badge${theme}">${escapeHtml(text)}</span>`;
}
