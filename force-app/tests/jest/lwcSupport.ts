/**
 * What every component test of the settings page needs, once: mounting a component with its
 * properties, letting LWC re-render, reading by `data-id`, collecting the toasts and events a
 * component fires, firing base-component events, and the real value of a Custom Label (Jest
 * loads every label with its real value, see scripts/jest/label-modules.js, so tests assert
 * the words users read). Import it as `test/lwcSupport`.
 */
import { createElement } from 'lwc';
import { readLabels } from '../../../scripts/jest/label-modules.js';

let labels: Map<string, string> | undefined;

/**
 * The value of a Custom Label, as a component under test reads it.
 * @param name the label's API name, without `c.`
 * @throws Error when no labels file defines it
 */
export function label(name: string): string {
  labels ??= readLabels(`${__dirname}/../../main/ui/labels`) as Map<string, string>;
  const value = labels.get(name);
  if (value === undefined) throw new Error(`No custom label ${name} in force-app/main/ui/labels/`);
  return value;
}

/**
 * A label with its `{0}`, `{1}`… placeholders filled in, the way the components fill them.
 * @param name the label's API name
 * @param values what replaces each placeholder, by position
 */
export function labelWith(name: string, ...values: (string | number)[]): string {
  return label(name).replace(/\{(\d+)\}/g, (whole, index: string) => String(values[Number(index)] ?? whole));
}

/** A component class, as `createElement` takes it. */
type ComponentClass = Parameters<typeof createElement>[1]['is'];

/**
 * Mounts a component into the document with its public properties set first.
 * @param tag the element name, e.g. `c-setting-field`
 * @param component the component's class
 * @param props public properties to set before it connects
 */
export function mount<T extends HTMLElement = HTMLElement>(tag: string, component: ComponentClass, props: Record<string, unknown> = {}): T {
  const element = createElement(tag, { is: component }) as unknown as T;
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

/** Lets promises settle and LWC re-render (a few microtask turns and one macrotask). */
export async function flush(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Removes every mounted component (call in `afterEach`). */
export function unmountAll(): void {
  document.body.replaceChildren();
}

/** The shadow root of a mounted component. */
export function shadow(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (!root) throw new Error(`${element.tagName.toLowerCase()} has no shadow root`);
  return root;
}

/**
 * The one element with a `data-id` in a component's shadow root, or null.
 * @param element the component
 * @param id its `data-id`
 */
export function byId<T extends Element = HTMLElement>(element: Element, id: string): T | null {
  return shadow(element).querySelector<T & Element>(`[data-id="${id}"]`);
}

/** The trimmed text of the element with a `data-id`, or undefined when there is none. */
export function textOf(element: Element, id: string): string | undefined {
  return byId(element, id)?.textContent?.trim();
}

/** A toast as a component asked for it (`lightning/platformShowToastEvent`). */
export interface Toast {
  readonly title: string;
  readonly message: string;
  readonly variant: string;
  readonly mode?: string;
}

/** What a component fired: its toasts and its `saved` events. */
export interface Fired {
  readonly toasts: Toast[];
  readonly saved: jest.Mock;
}

/**
 * Records the toasts and `saved` events a component fires from now on.
 * @param element the component
 */
export function listen(element: Element): Fired {
  const toasts: Toast[] = [];
  const saved = jest.fn();
  element.addEventListener('lightning__showtoast', (event) => toasts.push((event as CustomEvent<Toast>).detail));
  element.addEventListener('saved', saved);
  return { toasts, saved };
}

/**
 * Fires a base component's `change` (or another) event, as the real component would.
 * @param target the base component (e.g. a `lightning-input`)
 * @param detail the event's detail (`{ value }` or `{ checked }`)
 * @param type the event type
 */
export function fire(target: Element, detail: Record<string, unknown>, type = 'change'): void {
  target.dispatchEvent(new CustomEvent(type, { detail }));
}

/** Clicks a `lightning-button` (or any element) found by `data-id`. */
export function click(element: Element, id: string): void {
  const target = byId(element, id);
  if (!target) throw new Error(`no [data-id="${id}"] in ${element.tagName.toLowerCase()}`);
  target.dispatchEvent(new CustomEvent('click'));
}

/** A base component as tests read its public properties. */
export type BaseInput = HTMLElement & {
  label: string;
  value: string;
  checked: boolean;
  disabled: boolean;
  readOnly: boolean;
  options: { label: string; value: string }[];
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
};

/**
 * Spies on the validity API of the base components a test will query, so it can assert that a
 * field was marked invalid (`setCustomValidity(message)` + `reportValidity()`), which is what draws
 * the platform's red border and message. Returns the messages set, by element.
 * @param elements the base components
 */
export function spyValidity(elements: readonly Element[]): Map<Element, string[]> {
  const messages = new Map<Element, string[]>();
  for (const element of elements) {
    const input = element as BaseInput;
    messages.set(element, []);
    input.setCustomValidity = (message: string) => {
      messages.get(element)?.push(message);
    };
    input.reportValidity = () => (messages.get(element)?.at(-1) ?? '') === '';
  }
  return messages;
}
