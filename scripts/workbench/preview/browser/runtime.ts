/**
 * The org's side of the page, in the browser: Apex methods (imperative and wired), `refreshApex`
 * and the toast event, answered from the scenario the page embeds (`#preview-data`, built by the
 * server from the Jest fixtures). Every call is logged on the page and in `window.siPreview.calls`,
 * so a person and the browser tests both see what the components sent.
 */

/** One answer of an Apex method: a value it returns, or an error it throws. */
export type PreviewAnswer =
  | { readonly value: unknown }
  | { readonly error: { readonly status: number; readonly body: { readonly message: string } } };

/** What the server embeds in the page for one scenario. */
export interface PreviewData {
  readonly scenario: { readonly id: string; readonly title: string; readonly openSection?: string; readonly openTab?: string };
  /** `Class.method` → answers in call order; the last one repeats. */
  readonly answers: Readonly<Record<string, readonly PreviewAnswer[]>>;
}

/** One call a component made. */
export interface PreviewCall {
  readonly method: string;
  readonly params: unknown;
}

/** How long an answer takes: long enough to see a spinner, short enough not to wait on it. */
const LATENCY_MS = 150;

function readData(): PreviewData {
  const element = document.getElementById('preview-data');
  if (!element?.textContent) throw new Error('The preview page has no #preview-data: open it through the workbench (npm start).');
  return JSON.parse(element.textContent) as PreviewData;
}

const data = readData();
const served = new Map<string, number>();
const calls: PreviewCall[] = [];
(window as unknown as { siPreview: { calls: PreviewCall[]; scenario: string } }).siPreview = { calls, scenario: data.scenario.id };

/** The preview's own data, for the entry point. */
export function previewData(): PreviewData {
  return data;
}

function record(method: string, params: unknown): void {
  calls.push({ method, params });
  const list = document.getElementById('preview-calls');
  if (!list) return;
  const item = document.createElement('li');
  item.className = 'slds-item';
  item.textContent = params === undefined ? `${method}()` : `${method}(${JSON.stringify(params)})`;
  list.append(item);
}

/** The next answer for `method`; a method the scenario does not answer is a visible error, never a silent hang. */
function nextAnswer(method: string): PreviewAnswer {
  const answers = data.answers[method];
  const index = served.get(method) ?? 0;
  served.set(method, index + 1);
  const answer = answers?.[Math.min(index, answers.length - 1)];
  if (answer !== undefined) return answer;
  const message = `The preview scenario "${data.scenario.id}" has no answer for ${method}: add it to scripts/workbench/preview/scenarios.ts.`;
  document.getElementById('preview-missing')?.append(Object.assign(document.createElement('p'), { textContent: message }));
  return { error: { status: 500, body: { message } } };
}

/** A deep copy, so a component mutating what it received never changes the next answer. */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

type WireCallback = (value: { data: unknown; error: unknown }) => void;
const wireOwners = new WeakMap<object, { emit(): void }>();

/**
 * An `@salesforce/apex/Class.method` import: a function for imperative calls, with the `.adapter`
 * the LWC engine uses when the method is wired.
 */
export function apexMethod(method: string): ((params?: unknown) => Promise<unknown>) & { adapter: unknown } {
  const call = (params?: unknown): Promise<unknown> => {
    record(method, params);
    const answer = nextAnswer(method);
    return new Promise((resolve, reject) => {
      setTimeout(() => ('value' in answer ? resolve(copy(answer.value)) : reject(copy(answer.error))), LATENCY_MS);
    });
  };
  class ApexWireAdapter {
    private emitted = false;
    /** The config last seen; undefined until the engine hands one over. */
    private config: string | undefined;
    constructor(private readonly callback: WireCallback) {}
    connect(): void {
      if (!this.emitted) this.emit();
    }
    /** The engine calls this on connect too (connect and update in either order): only a changed config answers again. */
    update(config: unknown): void {
      const next = JSON.stringify(config ?? {});
      const changed = this.config !== undefined && next !== this.config;
      this.config = next;
      if (!this.emitted || changed) this.emit();
    }
    disconnect(): void {}
    emit(): void {
      this.emitted = true;
      record(method, undefined);
      const answer = nextAnswer(method);
      setTimeout(() => {
        const value = 'value' in answer ? { data: copy(answer.value), error: undefined } : { data: undefined, error: copy(answer.error) };
        wireOwners.set(value, this);
        this.callback(value);
      }, LATENCY_MS);
    }
  }
  return Object.assign(call, { adapter: ApexWireAdapter });
}

/** `refreshApex`: the wire that produced `wired` answers again (the scenario's next answer). */
export function refreshApex(wired: unknown): Promise<void> {
  const owner = typeof wired === 'object' && wired !== null ? wireOwners.get(wired) : undefined;
  owner?.emit();
  return new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 2));
}

/** `lightning/platformShowToastEvent`'s event; the preview's page draws it (an org's shell would). */
export class ShowToastEvent extends CustomEvent<{ title: string; message: string; variant?: string; mode?: string }> {
  constructor(detail: { title: string; message: string; variant?: string; mode?: string }) {
    super('lightning__showtoast', { detail, bubbles: true, composed: true, cancelable: true });
  }
}
