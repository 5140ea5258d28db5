/**
 * The Task/Event field blind spot of apex-ls.
 *
 * Task and Event custom fields live under
 * `objects/Activity/fields/`; once that folder exists apex-ls stops checking field names on
 * Task (`t.NoSuch__c` and `Task.NoSuch__c` pass; only `new Task(NoSuch__c = …)` is still caught).
 * So every `__c` name used on Task or Event is matched against the `*.field-meta.xml` files of
 * every `objects/Activity/fields/` folder in the package directories. The scan is lexical and
 * pragmatic, over `.cls` and `.trigger` files with comments blanked:
 *   1. schema tokens: `Task.X__c`, `Schema.Task.X__c`, `Task.SObjectType.Fields.X__c`,
 *      `SObjectType.Task.Fields.X__c` (unless `task` is declared as a variable of another type);
 *   2. `new Task(X__c = …, …)` (top-level `name =` pairs);
 *   3. variables declared `Task v` / `Schema.Task v` (locals, parameters, fields, for-each):
 *      `v.X__c`; declared `List<Task> v` / `Task[] v` / `Map<K, Task> v`: `v[…].X__c` and
 *      `v.get(…).X__c`; in a `trigger … on Task`: `Trigger.new[…]`, `Trigger.newMap.get(…)`
 *      (and `old`). A use resolves to the nearest preceding declaration of that name in the
 *      file (case-insensitive, like Apex), or to the first one when none precedes it;
 *   4. casts: `((Task) x).X__c`;
 *   5. SOQL — inline `[SELECT …]` and string literals that contain `SELECT … FROM Task`: in
 *      every SELECT whose FROM is Task/Event (or the child relationships Tasks, Events,
 *      OpenActivities, ActivityHistories), every `X__c` that starts a field path, and `X__r.…`
 *      as `X__c`; nested SELECTs are judged by their own FROM; `:binds`, paths after a dot and
 *      TYPEOF … END are skipped. SOSL `RETURNING Task(…)` field lists too.
 * The namespace prefix of the project (`sisync__X__c`) is accepted as `X__c`; a field with any
 * other namespace prefix is reported, since this project declares no package dependency.
 * Not covered: dynamic `get('X__c')`/`put`, SOQL assembled from several strings, variables whose
 * type is only known through another class, and standard-field typos on Task (`t.Subjct`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from './gate.ts';
import { toPosix, walk, type ProjectInfo } from './apex-project.ts';

/** A string literal of the source: its offsets (quotes included) and its unescaped-enough text. */
interface StringLiteral {
  readonly start: number;
  /** Offset of the first character inside the quotes. */
  readonly contentStart: number;
  readonly content: string;
}

/**
 * Blanks comments (keeping newlines) and the inside of string literals, so that offsets in the
 * result are offsets in the source. Returns the literals separately (dynamic SOQL).
 */
export function maskApex(source: string): { code: string; strings: StringLiteral[] } {
  const out = source.split('');
  const strings: StringLiteral[] = [];
  let i = 0;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== "'" && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      strings.push({ start: i, contentStart: i + 1, content: source.slice(i + 1, Math.min(j, source.length)) });
      blank(i + 1, Math.min(j, source.length));
      i = j + 1;
    } else {
      i++;
    }
  }
  return { code: out.join(''), strings };
}

/** One `__c` name used on Task or Event. */
export interface ActivityFieldReference {
  readonly sobject: 'Task' | 'Event';
  /** The name as written (maybe namespaced). */
  readonly field: string;
  /** Offset of the name in the source. */
  readonly offset: number;
  /** How it was recognised: schema, new, variable, cast, soql, sosl. */
  readonly via: string;
}

const ACTIVITY = /^(?:schema\s*\.\s*)?(task|event)$/i;
const SOQL_ACTIVITY_SOURCES: Record<string, 'Task' | 'Event'> = {
  task: 'Task',
  tasks: 'Task',
  event: 'Event',
  events: 'Event',
  openactivities: 'Task',
  activityhistories: 'Task',
};
/** Words that can precede a name without being its type. */
const NOT_A_TYPE = new Set(
  (
    'return new throw else in instanceof class interface enum extends implements case when if for while ' +
    'do try catch finally select from where and or not by insert update upsert delete undelete merge as ' +
    'user system with without sharing get set override virtual abstract static final transient public ' +
    'private protected global testmethod webservice void trigger on this super null true false '
  )
    .trim()
    .split(' '),
);

type VariableKind = 'record' | 'collection' | 'other';
interface Declaration {
  readonly name: string;
  readonly offset: number;
  readonly kind: VariableKind;
  readonly sobject?: 'Task' | 'Event';
}

function activityOf(typeText: string): 'Task' | 'Event' | undefined {
  const match = ACTIVITY.exec(typeText.trim());
  if (!match) return undefined;
  return match[1]?.toLowerCase() === 'task' ? 'Task' : 'Event';
}

/** Classifies a declared type: a Task/Event record, a collection of them, or something else. */
function classifyType(rawType: string): { kind: VariableKind; sobject?: 'Task' | 'Event' } {
  const type = rawType.replace(/\s+/g, '');
  const array = /^(.*)\[\]$/.exec(type);
  if (array?.[1] !== undefined) {
    const sobject = activityOf(array[1]);
    return sobject ? { kind: 'collection', sobject } : { kind: 'other' };
  }
  const generic = /^(?:system\.)?(list|map)<(.*)>$/i.exec(type);
  if (generic?.[2] !== undefined) {
    let element = generic[2];
    if (generic[1]?.toLowerCase() === 'map') {
      // Map<K, V>: V is after the top-level comma.
      let depth = 0;
      let split = -1;
      for (let k = 0; k < element.length; k++) {
        const c = element[k];
        if (c === '<') depth++;
        else if (c === '>') depth--;
        else if (c === ',' && depth === 0) split = k;
      }
      element = split === -1 ? '' : element.slice(split + 1);
    }
    const sobject = activityOf(element);
    return sobject ? { kind: 'collection', sobject } : { kind: 'other' };
  }
  const sobject = activityOf(type);
  return sobject ? { kind: 'record', sobject } : { kind: 'other' };
}

function collectDeclarations(code: string): Declaration[] {
  const declarations: Declaration[] = [];
  const pattern = /(?<![\w.])((?:[A-Za-z_]\w*\s*\.\s*)?[A-Za-z_]\w*(?:\s*<[^;{}()=]*?>)?(?:\s*\[\s*\])?)\s+([A-Za-z_]\w*)\s*(?=[=;,:){])/g;
  for (const match of code.matchAll(pattern)) {
    const type = match[1] ?? '';
    const name = match[2] ?? '';
    const head = type.split(/[\s.<[]/)[0]?.toLowerCase() ?? '';
    if (NOT_A_TYPE.has(head) || NOT_A_TYPE.has(name.toLowerCase())) continue;
    const nameOffset = (match.index ?? 0) + match[0].indexOf(name, type.length);
    declarations.push({ name: name.toLowerCase(), offset: nameOffset, ...classifyType(type) });
  }
  return declarations;
}

function resolve(declarations: readonly Declaration[], name: string, offset: number): Declaration | undefined {
  const lower = name.toLowerCase();
  let best: Declaration | undefined;
  let first: Declaration | undefined;
  for (const declaration of declarations) {
    if (declaration.name !== lower) continue;
    first ??= declaration;
    if (declaration.offset <= offset) best = declaration;
  }
  return best ?? first;
}

/** Index just after the parenthesis/bracket group that opens at `open`, or -1. */
function closeOf(code: string, open: number): number {
  const opener = code[open];
  const closer = opener === '(' ? ')' : opener === '[' ? ']' : undefined;
  if (!closer) return -1;
  let depth = 0;
  for (let k = open; k < code.length; k++) {
    const c = code[k];
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return k + 1;
  }
  return -1;
}

/** Replaces every `(SELECT …)` group of a SOQL text by blanks (offsets kept). */
function blankSubqueries(text: string): string {
  const out = text.split('');
  for (let k = 0; k < text.length; k++) {
    if (text[k] !== '(' || !/^\(\s*select\b/i.test(text.slice(k, k + 12))) continue;
    const end = closeOf(text, k);
    const stop = end === -1 ? text.length : end;
    for (let m = k; m < stop; m++) if (out[m] !== '\n') out[m] = ' ';
    k = stop - 1;
  }
  return out.join('');
}

/** Finds Task/Event `__c` names in one SOQL/SOSL text that starts at `base` in the source. */
function scanQuery(text: string, base: number, refs: ActivityFieldReference[]): void {
  // Judge every SELECT scope (the query and each nested SELECT) by its own FROM.
  const scopes: { start: number; text: string }[] = [{ start: 0, text }];
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '(' && /^\(\s*select\b/i.test(text.slice(k, k + 12))) {
      const end = closeOf(text, k);
      scopes.push({ start: k + 1, text: text.slice(k + 1, end === -1 ? text.length : end - 1) });
    }
  }
  for (const scope of scopes) {
    let own = blankSubqueries(scope.text);
    own = own.replace(/\btypeof\b[\s\S]*?\bend\b/gi, (m) => m.replace(/[^\n]/g, ' '));
    const from = /\bfrom\s+(\w+)/i.exec(own);
    const sobject = from?.[1] !== undefined ? SOQL_ACTIVITY_SOURCES[from[1].toLowerCase()] : undefined;
    if (!sobject || !/^\s*select\b/i.test(own)) continue;
    for (const match of own.matchAll(/(?<!\w)(\w+__[cr])\b/gi)) {
      const name = match[1] ?? '';
      const at = match.index ?? 0;
      const before = own.slice(0, at).replace(/\s+$/, '');
      if (before.endsWith(':') || before.endsWith('.')) continue;
      const relationship = /__r$/i.test(name);
      if (relationship && !/^\s*\./.test(own.slice(at + name.length))) continue;
      const field = relationship ? `${name.slice(0, -1)}c` : name;
      refs.push({ sobject, field, offset: base + scope.start + at, via: 'soql' });
    }
  }
  // SOSL: RETURNING Task(Field__c, …)
  if (/^\s*find\b/i.test(text)) {
    for (const match of text.matchAll(/\b(task|event)\s*\(/gi)) {
      const open = (match.index ?? 0) + match[0].length - 1;
      const end = closeOf(text, open);
      const inner = text.slice(open + 1, end === -1 ? text.length : end - 1);
      const sobject = match[1]?.toLowerCase() === 'task' ? 'Task' : 'Event';
      for (const field of inner.matchAll(/(?<![\w.:])\w+__c\b/gi)) {
        refs.push({ sobject, field: field[0], offset: base + open + 1 + (field.index ?? 0), via: 'sosl' });
      }
    }
  }
}

/**
 * Finds the `__c` names used on Task/Event in one Apex source (class or trigger), following the
 * rules in this file's header. Offsets are positions in `source`.
 */
export function findActivityFieldReferences(source: string): ActivityFieldReference[] {
  const { code, strings } = maskApex(source);
  const refs: ActivityFieldReference[] = [];

  // SOQL/SOSL blocks: `[SELECT …]` / `[FIND …]` in code …
  const queryBlocks: { start: number; end: number }[] = [];
  for (const match of code.matchAll(/\[\s*(?=(?:select|find)\b)/gi)) {
    const open = match.index ?? 0;
    const end = closeOf(code, open);
    const stop = end === -1 ? code.length : end - 1;
    queryBlocks.push({ start: open, end: stop });
    // Literals inside inline SOQL (masked in `code`) do not matter for field names.
    scanQuery(code.slice(open + 1, stop), open + 1, refs);
  }
  // … and dynamic SOQL in string literals.
  for (const literal of strings) {
    if (/\b(?:select|find)\b/i.test(literal.content) && /\b(?:from|returning)\s+\w/i.test(literal.content)) {
      const at = literal.content.search(/\b(?:select|find)\b/i);
      scanQuery(literal.content.slice(at), literal.contentStart + at, refs);
    }
  }

  // Declarations, ignoring the inside of SOQL blocks (their words are not Apex declarations).
  const codeNoSoql = code.split('');
  for (const block of queryBlocks) for (let k = block.start; k < block.end; k++) if (codeNoSoql[k] !== '\n') codeNoSoql[k] = ' ';
  const declarations = collectDeclarations(codeNoSoql.join(''));
  const triggerOn = /^\s*trigger\s+\w+\s+on\s+(?:schema\s*\.\s*)?(task|event)\b/i.exec(code);
  const triggerSObject = triggerOn ? (triggerOn[1]?.toLowerCase() === 'task' ? 'Task' : 'Event') : undefined;

  // 1. Schema tokens.
  for (const match of code.matchAll(
    /(?<![\w.])((?:schema\s*\.\s*)?(?:sobjecttype\s*\.\s*)?)(task|event)\s*\.\s*(?:(?:sobjecttype|fields)\s*\.\s*)*(\w+__c)\b/gi,
  )) {
    const start = match.index ?? 0;
    const name = match[2] ?? '';
    const prefixed = (match[1] ?? '').length > 0;
    const nameOffset = start + (match[1]?.length ?? 0);
    // A variable called task/event of another type hides the SObject name.
    if (!prefixed && resolve(declarations, name, nameOffset)?.kind === 'other') continue;
    if (/\.\s*$/.test(code.slice(Math.max(0, start - 20), start))) continue;
    const field = match[3] ?? '';
    refs.push({
      sobject: name.toLowerCase() === 'task' ? 'Task' : 'Event',
      field,
      offset: start + match[0].length - field.length,
      via: 'schema',
    });
  }

  // 2. new Task(X__c = …)
  for (const match of code.matchAll(/\bnew\s+(?:schema\s*\.\s*)?(task|event)\s*\(/gi)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    const end = closeOf(code, open);
    const inner = code.slice(open + 1, end === -1 ? code.length : end - 1);
    const sobject = match[1]?.toLowerCase() === 'task' ? 'Task' : 'Event';
    let depth = 0;
    const topLevel = inner.split('').map((c) => {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      return depth === 0 || c === ')' || c === ']' || c === '}' ? c : ' ';
    });
    for (const field of topLevel.join('').matchAll(/(?<![\w.])(\w+__c)\s*=(?!=)/gi)) {
      refs.push({ sobject, field: field[1] ?? '', offset: open + 1 + (field.index ?? 0), via: 'new' });
    }
  }

  // 3. Variables: v.X__c, v[…].X__c, v.get(…).X__c, Trigger.new[…].X__c …
  for (const match of code.matchAll(/\b((?:trigger\s*\.\s*)?[A-Za-z_]\w*)\s*(\[|\.\s*get\s*\(|\.)/gi)) {
    const root = match[1] ?? '';
    const start = match.index ?? 0;
    const access = match[2] ?? '.';
    let kind: VariableKind = 'other';
    let sobject: 'Task' | 'Event' | undefined;
    const triggerVar = /^trigger\s*\.\s*(new|old|newmap|oldmap)$/i.exec(root);
    if (triggerVar) {
      if (triggerSObject) {
        kind = 'collection';
        sobject = triggerSObject;
      }
    } else {
      const declaration = resolve(declarations, root, start);
      if (declaration && declaration.kind !== 'other') {
        kind = declaration.kind;
        sobject = declaration.sobject;
      }
    }
    if (!sobject) continue;
    let after = start + match[0].length;
    if (kind === 'collection') {
      if (access === '.') continue;
      const end = closeOf(code, after - 1); // after - 1 is the '[' or the '(' of get(
      if (end === -1) continue;
      const rest = /^\s*\.\s*(\w+__c)\b/i.exec(code.slice(end));
      if (!rest) continue;
      after = end + rest[0].length - (rest[1]?.length ?? 0);
      refs.push({ sobject, field: rest[1] ?? '', offset: after, via: 'variable' });
    } else {
      if (access !== '.') continue;
      const rest = /^\s*(\w+__c)\b/i.exec(code.slice(after));
      if (!rest) continue;
      refs.push({ sobject, field: rest[1] ?? '', offset: after + rest[0].length - (rest[1]?.length ?? 0), via: 'variable' });
    }
  }

  // 4. Casts: ((Task) x).X__c
  for (const match of code.matchAll(/\(\s*\(\s*(?:schema\s*\.\s*)?(task|event)\s*\)\s*[\w.]+\s*\)\s*\.\s*(\w+__c)\b/gi)) {
    const field = match[2] ?? '';
    refs.push({
      sobject: match[1]?.toLowerCase() === 'task' ? 'Task' : 'Event',
      field,
      offset: (match.index ?? 0) + match[0].length - field.length,
      via: 'cast',
    });
  }

  // One reference per position.
  const seen = new Set<number>();
  return refs.filter((ref) => (seen.has(ref.offset) ? false : (seen.add(ref.offset), true))).sort((a, b) => a.offset - b.offset);
}

/** Line and 1-based column of an offset. */
function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < source.length; k++) {
    if (source[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Normalises a field name to its local name (`sisync__X__c` → `x__c`), or reports its foreign namespace. */
export function localFieldName(field: string, namespace: string): { name: string; foreignNamespace?: string } {
  const match = /^([A-Za-z]\w*?)__(\w+__c)$/i.exec(field);
  if (!match?.[1] || !match[2]) return { name: field.toLowerCase() };
  if (namespace && match[1].toLowerCase() === namespace.toLowerCase()) return { name: match[2].toLowerCase() };
  return { name: field.toLowerCase(), foreignNamespace: match[1] };
}

/** Checks every Task/Event `__c` use in the Apex sources against the Activity fields. */
export async function checkActivityFields(
  root: string,
  project: ProjectInfo,
): Promise<{ findings: Finding[]; sources: number; references: number; fields: number }> {
  const dirs = project.packageDirectories.map((dir) => path.resolve(root, dir));
  const fieldFiles: string[] = [];
  const sources: string[] = [];
  for (const dir of dirs) {
    await walk(dir, (file) => /[\\/]objects[\\/]Activity[\\/]fields[\\/][^\\/]+\.field-meta\.xml$/.test(file), fieldFiles);
    await walk(dir, (file) => /\.(cls|trigger)$/i.test(file), sources);
  }
  const defined = new Set(fieldFiles.map((file) => path.basename(file, '.field-meta.xml').toLowerCase()));
  const where = [...new Set(fieldFiles.map((file) => toPosix(path.relative(root, path.dirname(file)))))];
  const location = where.length > 0 ? where.join(', ') : 'any objects/Activity/fields folder';

  const findings: Finding[] = [];
  let references = 0;
  for (const file of sources.sort()) {
    const source = await readFile(file, 'utf8');
    for (const ref of findActivityFieldReferences(source)) {
      references++;
      const { name, foreignNamespace } = localFieldName(ref.field, project.namespace);
      if (!foreignNamespace && defined.has(name)) continue;
      const { line, column } = position(source, ref.offset);
      findings.push({
        file: toPosix(path.relative(root, file)),
        line,
        column,
        message: foreignNamespace
          ? `${ref.sobject} field '${ref.field}' belongs to namespace '${foreignNamespace}', which this project does not define (activity-fields check)`
          : `Unknown ${ref.sobject} field '${ref.field}': no ${ref.field.replace(/^\w+?__(?=\w+__c$)/, '')}.field-meta.xml under ${location} (activity-fields check; apex-ls does not check Task/Event fields once objects/Activity exists)`,
      });
    }
  }
  return { findings, sources: sources.length, references, fields: defined.size };
}
