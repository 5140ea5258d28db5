import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { installScriptOf, installScriptProblems, productionClasses, sharingOf } from '../install-script.ts';

const repo = fileURLToPath(new URL('../../../..', import.meta.url));

test('the sharing declaration is read from the class, not from a comment', () => {
  assert.equal(sharingOf('/** a with sharing class */\nglobal without sharing class A implements InstallHandler {}'), 'without');
  assert.equal(sharingOf('public with sharing class B {}'), 'with');
  assert.equal(sharingOf('public inherited sharing class C {}'), 'inherited');
  assert.equal(sharingOf('public class D {}'), 'none');
});

test('a script reaching a with sharing class, a class without a keyword, or starting a job is refused', () => {
  const classes = new Map([
    [
      'Installer',
      'global without sharing class Installer implements InstallHandler {\n  global void onInstall(InstallContext c) { Catalog.all(); Plain.x(); }\n}',
    ],
    [
      'Catalog',
      'public without sharing class Catalog {\n  // Reader is named only here, in a comment\n  public static void all() { Service.read(); }\n}',
    ],
    [
      'Service',
      "public with sharing class Service {\n  public static void read() { System.enqueueJob(new Job()); String s = 'Ignored.call()'; }\n}",
    ],
    ['Plain', 'public class Plain {\n  public static void x() { Database.executeBatch(null); }\n}'],
    ['Reader', 'public with sharing class Reader {}'],
    ['Job', 'public without sharing class Job implements Queueable {\n  public void execute(QueueableContext c) {}\n}'],
  ]);
  assert.deepEqual(installScriptProblems('Installer', classes), [
    'Installer → Plain: declared with no sharing keyword; the install script may reach only without sharing classes (the install fails otherwise)',
    'Installer → Plain: calls Database.executeBatch; a job started by the install script runs for ever as the install user',
    'Installer → Catalog → Service: declared with sharing; the install script may reach only without sharing classes (the install fails otherwise)',
    'Installer → Catalog → Service: calls System.enqueueJob; a job started by the install script runs for ever as the install user',
  ]);
});

test('a script that names no class of the package is refused', () => {
  assert.deepEqual(installScriptProblems('Missing', new Map()), ['postInstallScript Missing: no such class in force-app/main']);
});

test("this repository's install script reaches only without sharing classes and starts no job", () => {
  const script = installScriptOf(repo);
  assert.equal(script, 'PackageInstallHandler', 'sfdx-project.json names the install script');
  assert.deepEqual(installScriptProblems(script, productionClasses(repo)), []);
});
