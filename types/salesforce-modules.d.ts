/**
 * Module declarations for the platform modules LWC TypeScript imports but no npm package
 * types (`@salesforce/lightning-types` lacks them). Kept loose on purpose: each component
 * narrows what it receives with its own interfaces.
 */
declare module '@salesforce/apex/*' {
  import type { WireAdapterConstructor } from 'lwc';
  /** An Apex method: callable imperatively, and usable as a wire adapter when cacheable. */
  type ApexMethod = ((params?: Record<string, unknown>) => Promise<unknown>) & WireAdapterConstructor;
  const method: ApexMethod;
  export default method;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module 'lightning/platformShowToastEvent' {
  export class ShowToastEvent extends CustomEvent<{
    title: string;
    message: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }> {
    constructor(init: {
      title: string;
      message: string;
      variant?: 'info' | 'success' | 'warning' | 'error';
      mode?: 'dismissible' | 'pester' | 'sticky';
    });
  }
}

declare module '@salesforce/apex' {
  /** Re-runs a cacheable Apex wire and pushes the fresh value to it. */
  export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module '@salesforce/schema/*' {
  /** An object or field reference; the platform resolves the namespace. */
  const reference: { objectApiName: string; fieldApiName?: string };
  export default reference;
}
