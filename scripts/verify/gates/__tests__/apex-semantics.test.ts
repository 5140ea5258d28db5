import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Finding, GateResult } from '../../lib/gate.ts';
import { apexSemanticsGate, parseApexLsJson } from '../apex-semantics.ts';
import {
  activityFieldFindings,
  copyWithoutActivity,
  findUnknownCustomNames,
  localName,
  readProjectSchema,
  type ProjectSchema,
} from '../../lib/activity-fields.ts';

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
      result.notes?.some((note) =>
        /apex-ls also run without objects\/Activity, 1 Activity fields defined; 2 Apex classes\/triggers scanned for X__c\/X__r names/.test(
          note,
        ),
      ),
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
        Object viaMethod = make().ViaMethod__c;
    }
    static Task make() {
        return new Task(Defined__c = 'made');
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
    assertFinding(result, file, 4, /Unknown Task field 'NoSuch__c': no objects\/Activity\/fields\/NoSuch__c\.field-meta\.xml/);
    assertFinding(result, file, 5, /Unknown Task field 'AlsoMissing__c'/);
    // apex-ls checks no field in SOQL: the name is matched against every name the project defines.
    assertFinding(result, file, 6, /Unknown custom name 'InQuery__c': no custom object, field or relationship of that name in force-app/);
    // apex-ls types the expression: a Task returned by a method is a Task.
    assertFinding(result, file, 7, /Unknown Task field 'ViaMethod__c'/);
    assert.equal(findingsIn(result, file).length, 4, JSON.stringify(findingsIn(result, file)));
    assert.ok(!result.findings.some((finding) => /Defined__c/.test(finding.message)));
    // Located where apex-ls locates it: the start of the expression `t.NoSuch__c`.
    const noSuch = findingsIn(result, file).find((finding) => /NoSuch__c/.test(finding.message));
    assert.equal(noSuch?.column, 9);
  });

  test('leaves the clean class alone', () => assert.deepEqual(findingsIn(result, `${CLASSES}/Clean.cls`), []));
});

describe('activity-fields check (no Java)', () => {
  const schema: ProjectSchema = {
    activityFields: new Set(['defined__c']),
    names: new Set(['defined__c', 'outbox__c', 'owner__c', 'owner__r', 'messages__r']),
  };
  const names = (source: string, namespace = ''): string[] =>
    findUnknownCustomNames(source, schema, namespace).map(({ name, line, column }) => `${line}:${column} ${name}`);

  test('every X__c / X__r name outside comments must be defined; strings count (dynamic SOQL)', () => {
    const source = `public class A {
    // Typo__c in a comment /* and */ is prose
    /* Typo2__c */ Object a = [SELECT Defined__c, Missing__c, Owner__r.Name, (SELECT Id FROM Messages__r) FROM Outbox__c];
    Object b = Database.query('SELECT Dyn__c FROM Task // not a comment');
    Object c = record.get('Got__c');
}`;
    assert.deepEqual(names(source), ['3:51 Missing__c', '4:39 Dyn__c', '5:28 Got__c']);
  });

  test("the project's namespace prefix is accepted, another one is not", () => {
    assert.deepEqual(names('x.sisync__Defined__c; x.other__Defined__c; y.sisync__Nope__c;', 'sisync'), [
      '1:25 other__Defined__c',
      '1:46 sisync__Nope__c',
    ]);
    assert.equal(localName('SISYNC__Defined__c', 'sisync'), 'defined__c');
    assert.equal(localName('sisync__Defined__c', ''), 'sisync__defined__c');
  });

  test('of the run without objects/Activity, only unknown Task/Event fields that Activity does not define fail', () => {
    const at = (line: number, message: string): Finding => ({ file: 'force-app/A.cls', line, column: 9, message });
    const normal = [at(1, "apex-ls Missing: Unknown field 'Gone__c' on SObject 'Schema.Task'")];
    const withoutActivity = [
      ...normal, // found by both runs: reported once, by the normal run
      at(2, "apex-ls Missing: Unknown field 'Defined__c' on SObject 'Schema.Task'"),
      at(3, "apex-ls Missing: Unknown field 'sisync__Defined__c' on SObject '[Schema.Task Records]'"),
      at(4, "apex-ls Missing: Unknown field 'Typo__c' on SObject 'Schema.Event'"),
      at(5, "apex-ls Missing: Unknown field or type 'sisync__Typo__c' on 'Schema.SObjectType.Task.Fields'"),
      at(6, "apex-ls Missing: Unknown field 'other__Defined__c' on SObject 'Schema.Task'"),
      at(7, "apex-ls Missing: Unknown field 'Typo__c' on SObject 'Schema.Account'"),
    ];
    const findings = activityFieldFindings(withoutActivity, normal, schema, 'sisync');
    assert.deepEqual(
      findings.map((finding) => `${finding.line} ${finding.message.replace(/ \(activity-fields check.*$/, '')}`),
      [
        "4 Unknown Event field 'Typo__c': no objects/Activity/fields/Typo__c.field-meta.xml",
        "5 Unknown Task field 'sisync__Typo__c': no objects/Activity/fields/Typo__c.field-meta.xml",
        "6 Unknown Task field 'other__Defined__c': its namespace 'other' is not this project's",
        // Anything else the copy's run adds is kept as apex-ls said it: never dropped silently.
        "7 apex-ls Missing: Unknown field 'Typo__c' on SObject 'Schema.Account'",
      ],
    );
  });

  test('the copy for apex-ls leaves out objects/Activity and keeps the rest; none is made without that folder', async () => {
    const root = await workspace({
      [`${CLASSES}/Clean.cls`]: CLEAN,
      [`${ACTIVITY_FIELDS}/Defined__c.field-meta.xml`]: fieldMeta('Defined__c'),
      'force-app/main/task-sync/objects/Outbox__c/fields/Child__c.field-meta.xml': fieldMeta('Child__c').replace(
        '</CustomField>',
        '    <relationshipName>Children</relationshipName>\n</CustomField>',
      ),
    });
    const project = { packageDirectories: ['force-app'], namespace: '', sourceApiVersion: '66.0' };
    const copy = await copyWithoutActivity(root, project);
    try {
      assert.ok(copy);
      assert.deepEqual(await readdir(path.join(copy, 'force-app/main/task-sync/objects')), ['Outbox__c']);
      assert.deepEqual((await readdir(path.join(copy, CLASSES))).sort(), ['Clean.cls', 'Clean.cls-meta.xml']);
      assert.deepEqual(await readdir(copy).then((entries) => entries.sort()), ['force-app', 'sfdx-project.json']);
      const read = await readProjectSchema(root, project);
      assert.deepEqual([...read.activityFields], ['defined__c']);
      assert.deepEqual([...read.names].sort(), [
        'activity',
        'child__c',
        'child__r',
        'children__r',
        'defined__c',
        'defined__r',
        'outbox__c',
      ]);
      await rm(path.join(root, 'force-app/main/task-sync/objects/Activity'), { recursive: true });
      assert.equal(await copyWithoutActivity(root, project), undefined);
    } finally {
      if (copy) await rm(copy, { recursive: true, force: true });
      await rm(root, { recursive: true, force: true });
    }
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
