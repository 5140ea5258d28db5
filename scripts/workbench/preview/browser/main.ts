/**
 * The preview's entry point: synthetic shadow first (as Lightning Experience runs components),
 * then the package's own `c-sync-settings-page`, and the toasts an org's shell would draw.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import SyncSettingsPage from 'c/syncSettingsPage';
import { previewData } from 'sisync-preview/runtime';

interface ToastDetail {
  title: string;
  message: string;
  variant?: string;
  mode?: string;
}

const TOAST_ICONS: Readonly<Record<string, string>> = { success: 'success', error: 'error', warning: 'warning', info: 'info' };

/** Draws one SLDS toast; errors stay until dismissed, the others leave after a few seconds. */
function showToast(detail: ToastDetail): void {
  const container = document.getElementById('preview-toasts');
  if (!container) return;
  const variant = TOAST_ICONS[detail.variant ?? 'info'] ?? 'info';
  const toast = document.createElement('div');
  toast.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
  toast.setAttribute('role', 'status');
  toast.dataset['variant'] = variant;
  const body = document.createElement('div');
  body.className = 'slds-notify__content';
  body.append(Object.assign(document.createElement('h2'), { className: 'slds-text-heading_small', textContent: detail.title }));
  if (detail.message) body.append(Object.assign(document.createElement('p'), { textContent: detail.message }));
  const close = Object.assign(document.createElement('button'), {
    className: 'slds-button slds-button_icon slds-notify__close slds-button_icon-inverse',
    textContent: '×',
    title: 'Close',
  });
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', () => toast.remove());
  toast.append(body, close);
  container.append(toast);
  if (variant !== 'error' && detail.mode !== 'sticky') setTimeout(() => toast.remove(), 8000);
}

document.addEventListener('lightning__showtoast', (event) => showToast((event as CustomEvent<ToastDetail>).detail));

const { scenario } = previewData();
const page = createElement('c-sync-settings-page', { is: SyncSettingsPage }) as HTMLElement & { openSection?: string; openTab?: string };
if (scenario.openSection) page.openSection = scenario.openSection;
if (scenario.openTab) page.openTab = scenario.openTab;
document.getElementById('preview-root')?.append(page);
