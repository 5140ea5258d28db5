/**
 * The preview's HTML: a banner that says it is a preview with fixture data, the scenario picker,
 * the page itself, and the Apex calls it made. While the bundle builds, a page that says so and
 * reloads itself.
 */
import { escapeHtml, SLDS_CSS } from '../pages/html.ts';
import type { Scenario, ScenarioData } from './scenarios.ts';

/** JSON inside a `<script>`: `<` escaped so no fixture text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

const SLDS = SLDS_CSS;

const STYLE = `
  body { background: #b0c4df; min-height: 100vh; }
  .preview-bar { background: #fff; border-bottom: 1px solid #c9c9c9; }
  .preview-main { max-width: 80rem; margin: 0 auto; }
  .preview-toasts { position: fixed; top: 0.5rem; left: 0; right: 0; z-index: 9000; display: flex; flex-direction: column; align-items: center; gap: 0.5rem; pointer-events: none; }
  .preview-toasts > * { pointer-events: auto; }
  #preview-calls { max-height: 12rem; overflow: auto; font-family: monospace; font-size: 0.75rem; word-break: break-all; }
`;

/** The scenario picker: one link per scenario, the current one marked. */
function picker(scenarios: readonly Scenario[], current: string): string {
  const items = scenarios
    .map((scenario) => {
      const active = scenario.id === current;
      return `<li class="slds-m-right_x-small slds-m-bottom_xx-small"><a class="slds-button ${active ? 'slds-button_brand' : 'slds-button_neutral'}" href="/preview/?scenario=${encodeURIComponent(scenario.id)}"${active ? ' aria-current="page"' : ''} data-scenario="${escapeHtml(scenario.id)}">${escapeHtml(scenario.title)}</a></li>`;
    })
    .join('');
  return `<nav aria-label="Preview scenarios"><ul class="slds-list_horizontal slds-wrap">${items}</ul></nav>`;
}

/** The page for one scenario once the bundle is ready. */
export function previewPage(scenarios: readonly Scenario[], data: ScenarioData, bundleHash: string): string {
  const scenario = scenarios.find((candidate) => candidate.id === data.scenario.id);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: ${escapeHtml(data.scenario.title)} — Sales Insight Sync settings</title>
<link rel="stylesheet" href="${SLDS}"><style>${STYLE}</style></head>
<body>
<header class="preview-bar slds-p-around_small">
  <div class="slds-grid slds-grid_vertical-align-center slds-m-bottom_x-small">
    <span class="slds-badge slds-theme_warning slds-m-right_small" data-id="preview-badge">Preview · fixture data, not an org</span>
    <h1 class="slds-text-heading_small">Sales Insight Sync settings page — <a href="/">workbench</a></h1>
  </div>
  ${picker(scenarios, data.scenario.id)}
  <p class="slds-text-body_small slds-m-top_xx-small" data-id="scenario-description">${escapeHtml(scenario?.description ?? '')}</p>
</header>
<div id="preview-toasts" class="preview-toasts" aria-live="polite"></div>
<main class="preview-main slds-p-around_medium">
  <div id="preview-missing" class="slds-text-color_error" role="alert"></div>
  <div id="preview-root"></div>
  <details class="slds-box slds-theme_default slds-m-top_medium"><summary class="slds-text-title_caps">Apex calls answered from fixtures</summary>
    <ol id="preview-calls" class="slds-list_ordered slds-m-top_x-small"></ol>
    <p class="slds-text-body_small slds-m-top_x-small">Answers: ${data.files.map((file) => `<code>${escapeHtml(file)}</code>`).join(', ')}</p>
  </details>
</main>
<script type="application/json" id="preview-data">${scriptJson({ scenario: data.scenario, answers: data.answers })}</script>
<script type="module" src="/preview/bundle.js?v=${encodeURIComponent(bundleHash)}"></script>
</body></html>`;
}

/** The page while the bundle builds (it reloads itself) or after the build failed (it says why). */
export function previewWaitingPage(state: { status: 'building'; seconds: number } | { status: 'failed'; message: string }): string {
  const building = state.status === 'building';
  const body = building
    ? `<p class="slds-text-heading_medium" data-id="preview-building">Preview building… (${state.seconds} s so far; the first build takes about 30 s, later starts use the cache)</p>`
    : `<p class="slds-text-heading_medium slds-text-color_error">The preview did not build</p><pre data-id="preview-failed">${escapeHtml(state.message)}</pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview ${building ? 'building' : 'failed'} — Sales Insight Sync</title>
${building ? '<meta http-equiv="refresh" content="2">' : ''}<link rel="stylesheet" href="${SLDS}"><style>${STYLE}</style></head>
<body><main class="preview-main slds-p-around_large slds-theme_default">${body}<p><a href="/">workbench</a></p></main></body></html>`;
}
