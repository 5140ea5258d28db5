import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Finding, GateResult } from '../../lib/gate.ts';
import { apexSemanticsGate, parseApexLsJson } from '../apex-semantics.ts';
import { checkActivityFields, findActivityFieldReferences, localFieldName, maskApex } from '../../lib/activity-fields.ts';

const PROJECT = '{"packageDirectories":[{"path":"force-app","default":true}],"namespace":"","sourceApiVersion":"66.0"}';
const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;
const fieldMeta = (name: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
    <length>255</length>
    <type>Text</type>
</CustomField>
`;
const CLASSES = 'force-app/main/default/classes';
const ACTIVITY_FIELDS = 'force-app/main/task-sync/objects/Activity/fields';

/** Writes a throwaway sfdx workspace; every `.cls` gets its `-meta.xml` unless listed in `noMeta`. */
async function workspace(files: Record<string, string>, noMeta: readonly string[] = []): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'apex-semantics-test-'));
  await writeFile(path.join(root, 'sfdx-project.json'), PROJECT);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    if (relative.endsWith('.cls') && !noMeta.includes(relative)) await writeFile(`${file}-meta.xml`, CLASS_META);
  }
  return root;
}

const findingsIn = (result: GateResult, file: string): Finding[] => result.findings.filter((finding) => finding.file === file);

function assertFinding(result: GateResult, file: string, line: number, message: RegExp): void {
  const found = findingsIn(result, file).some((finding) => finding.line === line && message.test(finding.message));
  assert.ok(
    found,
    `expected ${file}:${line} ${message}; got:\n${result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`).join('\n')}`,
  );
}

const CLEAN = `public with sharing class Clean {
    public static Account first() {
        return [SELECT Id FROM Account WITH USER_MODE LIMIT 1];
    }
}
`;

const TASK_CLEAN = `public with sharing class TaskClean {
    public static void stamp(List<Task> tasks) {
        for (Task t : tasks) {
            t.Defined__c = 'x';
        }
        Schema.SObjectField token = Task.Defined__c;
        Task created = new Task(Subject = 'Call', Defined__c = 'y');
        List<Task> found = [SELECT Id, Defined__c FROM Task WHERE Defined__c != null WITH USER_MODE];
    }
}
`;

describe('apex-semantics gate on a clean workspace', () => {
  let root = '';
  let result: GateResult;
  before(async () => {
    root = await workspace({
      [`${CLASSES}/Clean.cls`]: CLEAN,
      [`${CLASSES}/TaskClean.cls`]: TASK_CLEAN,
      [`${ACTIVITY_FIELDS}/Defined__c.field-meta.xml`]: fieldMeta('Defined__c'),
    });
    result = await apexSemanticsGate.run({ root });
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('passes with no findings', () => {
    assert.deepEqual(result.findings, []);
    assert.equal(result.ok, true);
  });

  test('notes the Java used and how many classes the Task field check scanned', () => {
    assert.ok(
      result.notes?.some((note) => /apex-ls 5\.3 on .*java/i.test(note)),
      String(result.notes),
    );
    assert.ok(
      result.notes?.some((note) => /2 Apex classes\/triggers scanned, 5 Task\/Event __c references, 1 Activity fields/.test(note)),
      String(result.notes),
    );
  });
});

describe('apex-semantics gate on a broken workspace', () => {
  let root = '';
  let result: GateResult;
  before(async () => {
    root = await workspace(
      {
        [`${CLASSES}/Clean.cls`]: CLEAN,
        [`${CLASSES}/UnknownField.cls`]: `public with sharing class UnknownField {
    public static void go() {
        Account a = new Account();
        a.NoSuchField__c = 'x';
    }
}
`,
        [`${CLASSES}/UnknownType.cls`]: `public with sharing class UnknownType {
    public static void go() {
        NoSuchType value = null;
    }
}
`,
        [`${CLASSES}/UnknownMethod.cls`]: `public with sharing class UnknownMethod {
    public static void go() {
        String s = 'abc';
        s.noSuchMethod();
    }
}
`,
        [`${CLASSES}/Mismatch.cls`]: `public with sharing class Mismatch {
    public static void go() {
        Integer i = 'abc';
    }
}
`,
        [`${CLASSES}/Broken.cls`]: `public with sharing class Broken {
    public static void go() {
        Integer i = ;
    }
}
`,
        [`${CLASSES}/NoMeta.cls`]: `public with sharing class NoMeta {
}
`,
        [`${CLASSES}/TaskFields.cls`]: `public with sharing class TaskFields {
    public static void go(Task t) {
        t.Defined__c = 'fine';
        t.NoSuch__c = 'x';
        Schema.SObjectField token = Task.AlsoMissing__c;
        List<Task> rows = [SELECT Id, Defined__c, InQuery__c FROM Task WITH USER_MODE];
    }
}
`,
        [`${ACTIVITY_FIELDS}/Defined__c.field-meta.xml`]: fieldMeta('Defined__c'),
      },
      [`${CLASSES}/NoMeta.cls`],
    );
    result = await apexSemanticsGate.run({ root });
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('fails', () => assert.equal(result.ok, false));

  test('reports an unknown field with file:line:col', () => {
    assertFinding(result, `${CLASSES}/UnknownField.cls`, 4, /Unknown field 'NoSuchField__c' on SObject 'Schema\.Account'/);
    assert.equal(findingsIn(result, `${CLASSES}/UnknownField.cls`)[0]?.column, 9);
  });

  test('reports an unknown type', () =>
    assertFinding(result, `${CLASSES}/UnknownType.cls`, 3, /No type declaration found for 'NoSuchType'/));

  test('reports an unknown method', () =>
    assertFinding(result, `${CLASSES}/UnknownMethod.cls`, 4, /No matching method found for 'noSuchMethod'/));

  test('reports a type mismatch', () => assertFinding(result, `${CLASSES}/Mismatch.cls`, 3, /Incompatible types in assignment/));

  test('reports a syntax error', () => assertFinding(result, `${CLASSES}/Broken.cls`, 3, /apex-ls Syntax: /));

  test('reports a class without its -meta.xml', () => assertFinding(result, `${CLASSES}/NoMeta.cls`, 1, /meta file is missing/));

  test('reports Task __c fields that objects/Activity/fields does not define, and only those', () => {
    const file = `${CLASSES}/TaskFields.cls`;
    assertFinding(result, file, 4, /Unknown Task field 'NoSuch__c'/);
    assertFinding(result, file, 5, /Unknown Task field 'AlsoMissing__c'/);
    assertFinding(result, file, 6, /Unknown Task field 'InQuery__c'/);
    assert.equal(findingsIn(result, file).length, 3, JSON.stringify(findingsIn(result, file)));
    assert.ok(!result.findings.some((finding) => /Defined__c/.test(finding.message)));
    const noSuch = findingsIn(result, file).find((finding) => /NoSuch__c/.test(finding.message));
    assert.equal(noSuch?.column, 11);
  });

  test('leaves the clean class alone', () => assert.deepEqual(findingsIn(result, `${CLASSES}/Clean.cls`), []));
});

describe('Task/Event field scan (no Java)', () => {
  const fields = (source: string): string[] => findActivityFieldReferences(source).map((ref) => `${ref.sobject}.${ref.field}`);

  test('recognises schema tokens, constructors, variables, collections, casts and SOQL', () => {
    const source = `public with sharing class Sample {
    private Task member;
    // t.InComment__c and Task.InComment2__c
    public void go(List<Task> tasks, Map<Id, Task> byId, Task[] arr, SObject so) {
        Task t = new Task(Ctor__c = 'a', Subject = String.valueOf(new Account(NotTask__c = 1)));
        t.Dot__c = 1;
        String s = 'Task.InString__c';
        Object a1 = Task.Token__c;
        Object a2 = Schema.SObjectType.Task.Fields.Describe__c;
        tasks[0].Indexed__c = 1;
        tasks.get(0).Got__c = 1;
        byId.get(t.Id).Mapped__c = 1;
        arr[0].Arr__c = 1;
        this.member.Member__c = 1;
        Object c = ((Task) so).Cast__c;
        Account acc = new Account(); acc.Other__c = 1;
        Event e = new Event(EvCtor__c = 1); e.EvDot__c = 1;
        List<Task> rows = [SELECT Id, Sel__c, Owner.UserField__c, Rel__r.Name,
                (SELECT Id, Child__c FROM TaskRelations)
            FROM Task WHERE Whr__c = :t.Bound__c AND WhoId IN (SELECT Id FROM Contact WHERE Con__c = 1)];
        List<Account> parents = [SELECT Id, Acc__c, (SELECT Id, Sub__c FROM Tasks) FROM Account];
        Database.query('SELECT Id, Dyn__c FROM Task');
    }
}`;
    assert.deepEqual(fields(source).sort(), [
      'Event.EvCtor__c',
      'Event.EvDot__c',
      'Task.Arr__c',
      'Task.Bound__c',
      'Task.Cast__c',
      'Task.Ctor__c',
      'Task.Describe__c',
      'Task.Dot__c',
      'Task.Dyn__c',
      'Task.Got__c',
      'Task.Indexed__c',
      'Task.Mapped__c',
      'Task.Member__c',
      'Task.Rel__c',
      'Task.Sel__c',
      'Task.Sub__c',
      'Task.Token__c',
      'Task.Whr__c',
    ]);
  });

  test('follows Trigger.new / Trigger.newMap in a trigger on Task', () => {
    const source = `trigger TaskTrigger on Task (before insert, before update) {
    for (Task t : Trigger.new) { t.Loop__c = 'x'; }
    Trigger.new[0].Index__c = 1;
    Trigger.oldMap.get(Trigger.new[0].Id).Old__c = 1;
}`;
    assert.deepEqual(fields(source), ['Task.Loop__c', 'Task.Index__c', 'Task.Old__c']);
  });

  test('a variable named task of another type is not the Task SObject', () => {
    const source = `public class X { void go() { Sync_Task__c task = new Sync_Task__c(); task.Status__c = 'a'; } }`;
    assert.deepEqual(fields(source), []);
  });

  test('the project namespace prefix is accepted, another one is flagged', () => {
    assert.deepEqual(localFieldName('sisync__Defined__c', 'sisync'), { name: 'defined__c' });
    assert.deepEqual(localFieldName('Defined__c', 'sisync'), { name: 'defined__c' });
    assert.deepEqual(localFieldName('other__Defined__c', 'sisync'), { name: 'other__defined__c', foreignNamespace: 'other' });
  });

  test('checkActivityFields accepts sisync__X__c for a defined X__c in a namespaced project', async () => {
    const root = await workspace({
      [`${CLASSES}/Ns.cls`]: `public with sharing class Ns {
    public static void go(Task t) {
        t.sisync__Defined__c = 'a';
        t.sisync__Missing__c = 'b';
    }
}
`,
      [`${ACTIVITY_FIELDS}/Defined__c.field-meta.xml`]: fieldMeta('Defined__c'),
    });
    try {
      const result = await checkActivityFields(root, { packageDirectories: ['force-app'], namespace: 'sisync', sourceApiVersion: '66.0' });
      assert.equal(result.sources, 1);
      assert.equal(result.references, 2);
      assert.deepEqual(
        result.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`),
        [`${CLASSES}/Ns.cls:4:11`],
      );
      assert.match(result.findings[0]?.message ?? '', /Unknown Task field 'sisync__Missing__c'/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('maskApex blanks comments and strings but keeps offsets', () => {
    const source = "a /* b */ 'c\\'d' // e\nf";
    const { code, strings } = maskApex(source);
    assert.equal(code.length, source.length);
    assert.equal(code, "a         '    '     \nf");
    assert.deepEqual(
      strings.map((s) => s.content),
      ["c\\'d"],
    );
  });
});

test('parseApexLsJson splits failing categories from warnings and relativises paths', () => {
  const root = '/ws';
  const stdout = JSON.stringify({
    files: [
      {
        path: '/ws/force-app/A.cls',
        messages: [
          { start: { line: 4, offset: 8 }, category: 'Missing', message: "Unknown field 'X__c' on SObject 'Schema.Account'" },
          {
            start: { line: 2, offset: 0 },
            category: 'Warning',
            message: "Local variable is hiding class field 'n', see /ws/force-app/A.cls: line 1",
          },
          { start: { line: 1, offset: 0 }, category: 'Unused', message: "Unused class 'A'" },
        ],
      },
    ],
  });
  const { errors, warnings } = parseApexLsJson(stdout, root);
  assert.deepEqual(errors, [
    { file: 'force-app/A.cls', line: 4, column: 9, message: "apex-ls Missing: Unknown field 'X__c' on SObject 'Schema.Account'" },
  ]);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]?.message ?? '', /see force-app\/A\.cls: line 1/);
});
