/**
 * Writing the package alias into sfdx-project.json: in place, keeping the developers' text and
 * indent, for a file with no aliases, an empty or a filled `packageAliases`; ids that are
 * placeholders are refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CommandError } from '../commands/errors.ts';
import { isPackageId, readPackageEntry, withPackageAlias } from '../package/project-file.ts';

const ID = '0Ho5g000000CDkGCAW';

test('project file › a file without packageAliases gains the block before its closing brace, every other byte kept', () => {
  const text =
    '{\n    "packageDirectories": [{ "path": "force-app", "default": true, "package": "Sales Insight Sync" }],\n    "namespace": "sisync"\n}\n';
  assert.equal(
    withPackageAlias(text, 'Sales Insight Sync', ID),
    '{\n    "packageDirectories": [{ "path": "force-app", "default": true, "package": "Sales Insight Sync" }],\n    "namespace": "sisync",\n    "packageAliases": {\n        "Sales Insight Sync": "0Ho5g000000CDkGCAW"\n    }\n}\n',
  );
});

test('project file › an empty or a filled packageAliases gets the entry added in place', () => {
  assert.equal(
    withPackageAlias('{\n  "namespace": "sisync",\n  "packageAliases": {}\n}\n', 'Sales Insight Sync', ID),
    '{\n  "namespace": "sisync",\n  "packageAliases": {\n    "Sales Insight Sync": "0Ho5g000000CDkGCAW"\n  }\n}\n',
  );
  assert.equal(
    withPackageAlias('{\n  "packageAliases": {\n    "Other": "0Ho5g000000CDkBCAW"\n  }\n}\n', 'Sales Insight Sync', ID),
    '{\n  "packageAliases": {\n    "Sales Insight Sync": "0Ho5g000000CDkGCAW",\n    "Other": "0Ho5g000000CDkBCAW"\n  }\n}\n',
  );
});

test('project file › an alias already there with another id is replaced by re-serialising, never duplicated', () => {
  const edited = withPackageAlias('{\n\t"packageAliases": { "Sales Insight Sync": "0Ho5g000000CDkBCAW" }\n}\n', 'Sales Insight Sync', ID);
  assert.equal(edited, '{\n\t"packageAliases": {\n\t\t"Sales Insight Sync": "0Ho5g000000CDkGCAW"\n\t}\n}\n');
  assert.equal(edited.match(/Sales Insight Sync/g)?.length, 1);
});

test('project file › only ids Salesforce could have issued are package ids', () => {
  assert.ok(isPackageId(ID));
  assert.ok(isPackageId('0Ho5g000000CDkG'));
  for (const bad of ['0Ho000000000000AAA', '0HoXXXXXXXXXXXXXXX', '04t5g000000Ia9XAAS', '0Ho5g000000CDkGCA', '', 'Sales Insight Sync']) {
    assert.equal(isPackageId(bad), false, bad);
  }
});

test('project file › the packaged directory and its alias are read; no package, or a bad alias, is a sentence with the fix', () => {
  const root = mkdtempSync(join(tmpdir(), 'sisync-project-file-'));
  const write = (project: unknown): void => writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify(project));
  try {
    write({ packageDirectories: [{ path: 'unpackaged' }, { path: 'force-app', default: true, package: 'Sales Insight Sync' }] });
    assert.deepEqual(readPackageEntry(root), { name: 'Sales Insight Sync', path: 'force-app' });
    write({ packageDirectories: [{ path: 'force-app', package: 'Sales Insight Sync' }], packageAliases: { 'Sales Insight Sync': ID } });
    assert.deepEqual(readPackageEntry(root), { name: 'Sales Insight Sync', path: 'force-app', packageId: ID });
    write({ packageDirectories: [{ path: 'force-app', default: true }] });
    assert.throws(
      () => readPackageEntry(root),
      (error: unknown) => error instanceof CommandError && /names no package: give force-app's entry/.test(error.message),
    );
    write({ packageDirectories: [{ path: 'force-app', package: 'Sales Insight Sync' }], packageAliases: { 'Sales Insight Sync': 'TODO' } });
    assert.throws(() => readPackageEntry(root), /packageAliases\["Sales Insight Sync"\] = "TODO", which is no package id/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
