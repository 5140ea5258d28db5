/**
 * The Task/Event field blind spot of apex-ls, and the custom names apex-ls never checks.
 *
 * Task and Event custom fields are defined under `objects/Activity/fields/`. apex-ls 5.3 stops
 * checking field names on a standard object that the workspace extends with custom fields (measured:
 * with `objects/Activity/fields` present, `task.NoSuch__c` and `Task.NoSuch__c` pass; so does
 * `account.NoSuch__c` once `objects/Account/fields` exists; `new Task(NoSuch__c = …)` is still
 * caught). Without the extension it checks them all. So:
 *   1. apex-ls runs a second time over a copy of the project without its `objects/Activity` folders
 *      ({@link copyWithoutActivity}); of what that run reports and the normal run does not, the
 *      unknown Task/Event fields that `objects/Activity/fields` defines are dropped and the rest kept
 *      ({@link activityFieldFindings}). apex-ls resolves the types, so every expression form counts.
 *   2. apex-ls checks no field name inside SOQL, nor in a string (`get('X__c')`): every `X__c` and
 *      `X__r` name written in Apex outside comments must name a custom object, a field or a
 *      relationship of the package directories ({@link findUnknownCustomNames}). Lexical: a Task
 *      field misspelt as a field that exists on another object passes this part.
 * The project's namespace prefix (`sisync__X__c`) is accepted as `X__c`; any other is unknown.
 */
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from './gate.ts';
import { toPosix, walk, type ProjectInfo } from './apex-project.ts';

const ACTIVITY_FOLDER = /[\\/]objects[\\/]Activity$/;
const FIELD_FILE = /[\\/]objects[\\/](?<object>[^\\/]+)[\\/]fields[\\/](?<field>[^\\/]+)\.field-meta\.xml$/;

/** The custom objects, fields and relationships the package directories define, by lower-case local name. */
export interface ProjectSchema {
  /** Fields defined under `objects/Activity/fields` (`x__c`). */
  readonly activityFields: ReadonlySet<string>;
  /** Every custom object (`x__c`), field (`x__c`) and relationship (`x__r`) name. */
  readonly names: ReadonlySet<string>;
}

/** Reads the object folders and field files of the package directories. */
export async function readProjectSchema(root: string, project: ProjectInfo): Promise<ProjectSchema> {
  const activityFields = new Set<string>();
  const names = new Set<string>();
  for (const dir of project.packageDirectories) {
    for (const file of await walk(path.resolve(root, dir), (f) => FIELD_FILE.test(f))) {
      const { object = '', field = '' } = FIELD_FILE.exec(file)?.groups ?? {};
      names.add(object.toLowerCase()).add(field.toLowerCase()).add(field.toLowerCase().replace(/__c$/, '__r'));
      if (object === 'Activity') activityFields.add(field.toLowerCase());
      const child = /<relationshipName>(\w+)<\/relationshipName>/.exec(await readFile(file, 'utf8'))?.[1];
      if (child) names.add(`${child.toLowerCase()}__r`);
    }
    for (const file of await walk(path.resolve(root, dir), (f) => /[\\/]objects[\\/][^\\/]+__c[\\/][^\\/]+\.object-meta\.xml$/.test(f))) {
      names.add(path.basename(path.dirname(file)).toLowerCase());
    }
  }
  return { activityFields, names };
}

/** A name without the project's own namespace prefix, lower-case. */
export function localName(name: string, namespace: string): string {
  const lower = name.toLowerCase();
  const prefix = `${namespace.toLowerCase()}__`;
  return namespace && lower.startsWith(prefix) && /__[cr]$/.test(lower.slice(prefix.length)) ? lower.slice(prefix.length) : lower;
}

/**
 * Copies `sfdx-project.json`, `.forceignore` and the package directories into a temporary folder,
 * leaving out every `objects/Activity` folder (and `node_modules`); undefined when the project has
 * no such folder (apex-ls then checks Task and Event fields itself). The caller removes the copy.
 */
export async function copyWithoutActivity(root: string, project: ProjectInfo): Promise<string | undefined> {
  const dirs = project.packageDirectories.map((dir) => path.resolve(root, dir));
  const activity: string[] = [];
  for (const dir of dirs) activity.push(...(await walk(dir, (file) => /[\\/]objects[\\/]Activity[\\/]/.test(file))));
  if (activity.length === 0) return undefined;
  const copy = await mkdtemp(path.join(os.tmpdir(), 'sisync-apex-ls-'));
  for (const file of ['sfdx-project.json', '.forceignore']) {
    if (await stat(path.join(root, file)).catch(() => undefined)) await cp(path.join(root, file), path.join(copy, file));
  }
  for (const dir of dirs) {
    await cp(dir, path.join(copy, path.relative(root, dir)), {
      recursive: true,
      filter: (source) => !ACTIVITY_FOLDER.test(source) && path.basename(source) !== 'node_modules',
    });
  }
  return copy;
}

const key = (finding: Finding): string => `${finding.file}:${finding.line}:${finding.column} ${finding.message}`;

/**
 * What the run without `objects/Activity` found beyond the normal run, less the Task/Event fields
 * that `objects/Activity/fields` defines: unknown Task/Event fields, with a message saying where
 * they should be defined (anything else the copy's run adds is kept as apex-ls said it).
 */
export function activityFieldFindings(
  withoutActivity: readonly Finding[],
  normal: readonly Finding[],
  schema: ProjectSchema,
  namespace: string,
): Finding[] {
  const seen = new Set(normal.map(key));
  return withoutActivity.flatMap((finding) => {
    if (seen.has(key(finding))) return [];
    const unknown =
      /^apex-ls Missing: Unknown field (?:or type )?'(?<field>\w+)' on (?:SObject )?'\[?Schema\.(?:SObjectType\.)?(?<sobject>Task|Event)\b/.exec(
        finding.message,
      );
    const { field, sobject } = unknown?.groups ?? {};
    if (field === undefined) return [finding];
    const local = localName(field, namespace);
    if (schema.activityFields.has(local)) return [];
    const foreign = /^(\w+?)__\w+__c$/.exec(local)?.[1];
    const problem = foreign
      ? `its namespace '${foreign}' is not this project's`
      : `no objects/Activity/fields/${field.slice(field.length - local.length)}.field-meta.xml`;
    return [
      {
        ...finding,
        message: `Unknown ${sobject} field '${field}': ${problem} (activity-fields check: apex-ls run without objects/Activity, since it does not check Task/Event fields once that folder exists)`,
      },
    ];
  });
}

/** One `X__c`/`X__r` name of an Apex source that the project does not define. */
export interface UnknownName {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/** The `X__c` and `X__r` names of one Apex source, outside comments, that `schema` does not define. */
export function findUnknownCustomNames(source: string, schema: ProjectSchema, namespace: string): UnknownName[] {
  // Blank comments (keeping offsets and newlines); string literals are kept: they hold dynamic SOQL.
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, (match) =>
    match.startsWith("'") ? match : match.replace(/[^\n]/g, ' '),
  );
  const unknown: UnknownName[] = [];
  for (const match of code.matchAll(/\b\w+__[cr]\b/gi)) {
    if (schema.names.has(localName(match[0], namespace))) continue;
    const before = code.slice(0, match.index);
    unknown.push({ name: match[0], line: before.split('\n').length, column: match.index - before.lastIndexOf('\n') });
  }
  return unknown;
}

/** {@link findUnknownCustomNames} over every `.cls` and `.trigger` file: each unknown name with its finding. */
export async function checkCustomNames(
  root: string,
  project: ProjectInfo,
  schema: ProjectSchema,
): Promise<{ unknown: Array<{ readonly name: string; readonly finding: Finding }>; sources: number }> {
  const sources: string[] = [];
  for (const dir of project.packageDirectories) await walk(path.resolve(root, dir), (file) => /\.(cls|trigger)$/i.test(file), sources);
  const unknown: Array<{ readonly name: string; readonly finding: Finding }> = [];
  for (const file of sources.sort()) {
    for (const { name, line, column } of findUnknownCustomNames(await readFile(file, 'utf8'), schema, project.namespace)) {
      const message = `Unknown custom name '${name}': no custom object, field or relationship of that name in ${project.packageDirectories.join(', ')} (activity-fields check: apex-ls checks no field in SOQL or strings)`;
      unknown.push({ name, finding: { file: toPosix(path.relative(root, file)), line, column, message } });
    }
  }
  return { unknown, sources: sources.length };
}
