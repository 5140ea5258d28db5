/** Types for the test utilities of `@salesforce/sfdx-lwc-jest`, which ships none. */
declare module '@salesforce/sfdx-lwc-jest' {
  /** A wire adapter the test drives by hand. */
  export interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
    getLastConfig(): Record<string, unknown> | undefined;
  }
  export function createApexTestWireAdapter(fn: (...args: unknown[]) => unknown): TestWireAdapter;
  export function createLdsTestWireAdapter(fn: (...args: unknown[]) => unknown): TestWireAdapter;
  export function createTestWireAdapter(fn: (...args: unknown[]) => unknown): TestWireAdapter;
}
