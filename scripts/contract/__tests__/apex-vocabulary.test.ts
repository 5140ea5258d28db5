/**
 * The Apex names the wire's item statuses once (`ItemStatus`); this test holds those names to the
 * contract, so a typo in Apex is caught here, without an org: every value of the contract's
 * `ItemStatus` and of `EmailActivityResult.status` has its constant, and no constant is a word the
 * contract does not have.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CONTRACT_FILES } from '../load.ts';

const ITEM_STATUS_CLASS = fileURLToPath(new URL('../../../force-app/main/shared/classes/ItemStatus.cls', import.meta.url));

/** The `public static final String NAME = 'value';` constants of an Apex class. */
function constantsOf(source: string): Map<string, string> {
  const constants = new Map<string, string>();
  for (const match of source.matchAll(/public\s+static\s+final\s+String\s+(\w+)\s*=\s*'([^']*)'\s*;/g)) {
    constants.set(match[1] ?? '', match[2] ?? '');
  }
  return constants;
}

interface Schemas {
  readonly ItemStatus: { readonly enum: readonly string[] };
  readonly EmailActivityResult: { readonly properties: { readonly status: { readonly enum: readonly string[] } } };
}

test('ItemStatus.cls names exactly the item statuses of the contract, each as its upper-case name', () => {
  const document = parse(readFileSync(CONTRACT_FILES.openApi, 'utf8')) as { components: { schemas: Schemas } };
  const { ItemStatus, EmailActivityResult } = document.components.schemas;
  const wire = new Set([...ItemStatus.enum, ...EmailActivityResult.properties.status.enum]);
  const constants = constantsOf(readFileSync(ITEM_STATUS_CLASS, 'utf8'));
  assert.deepEqual(new Set(constants.values()), wire, 'the same words');
  for (const [name, value] of constants) assert.equal(name, value.toUpperCase(), `${name} holds '${value}'`);
});

test('the constants reader reads Apex constants and nothing else', () => {
  const source =
    "public static final String APPLIED = 'applied';\n// public static final String X = 'x' without semicolon\nprivate static final String HIDDEN = 'h';";
  assert.deepEqual([...constantsOf(source)], [['APPLIED', 'applied']]);
});
