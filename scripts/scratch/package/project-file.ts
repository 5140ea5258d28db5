/**
 * The package's entry in `sfdx-project.json` and its `packageAliases`: which package the packaged
 * directory names, the Dev Hub's id for it (`0Ho…`), and writing that id back as an alias. The file
 * is the developers' own (reviewed, committed), so the alias is inserted into its text rather than
 * the whole file re-serialised; the result is checked to parse to exactly the old content plus the
 * alias, and only if the text cannot be edited in place is it re-serialised with its own indent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { CommandError } from '../commands/errors.ts';

/** The project file, relative to the project root. */
export const PROJECT_FILE = 'sfdx-project.json';

/** What the project file says about the package. */
export interface PackageEntry {
  /** The `package` of the packaged directory: the alias sf's `--package` resolves. */
  readonly name: string;
  /** The packaged directory (`force-app`), for `sf package create --path`. */
  readonly path: string;
  /** `packageAliases[name]`, when the package has been created. */
  readonly packageId?: string;
}

/**
 * Whether a string is a Package2 id (`0Ho`, 15 or 18 characters) and not a made-up one: an id
 * whose record part is one character repeated (`0Ho000000000000AAA`, `0HoXXXXXXXXXXXXXXX`) is a
 * placeholder of the kind templates carry, never an id Salesforce issued.
 */
export function isPackageId(value: string): boolean {
  return /^0Ho[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/.test(value) && !/^0Ho(.)\1{11}/.test(value);
}

type ProjectJson = { packageDirectories?: unknown; packageAliases?: unknown } & Record<string, unknown>;

function parse(text: string): ProjectJson {
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  return parsed as ProjectJson;
}

/**
 * Reads the package's entry.
 * @throws CommandError when the file is missing or unreadable, names no packaged directory, or its
 *   alias holds something that is not a Package2 id
 */
export function readPackageEntry(root: string): PackageEntry {
  let project: ProjectJson;
  try {
    project = parse(readFileSync(join(root, PROJECT_FILE), 'utf8'));
  } catch (error: unknown) {
    throw new CommandError(
      `${PROJECT_FILE} could not be read (${error instanceof Error ? error.message : String(error)}): run the command from the repository.`,
    );
  }
  const dirs = Array.isArray(project.packageDirectories) ? (project.packageDirectories as Record<string, unknown>[]) : [];
  const packaged = dirs.filter((dir) => typeof dir['package'] === 'string' && dir['package'] !== '' && typeof dir['path'] === 'string');
  const entry = packaged.find((dir) => dir['default'] === true) ?? packaged[0];
  if (entry === undefined) {
    throw new CommandError(
      `${PROJECT_FILE} names no package: give force-app's entry in packageDirectories "package": "Sales Insight Sync".`,
    );
  }
  const name = String(entry['package']);
  const aliases =
    typeof project.packageAliases === 'object' && project.packageAliases !== null
      ? (project.packageAliases as Record<string, unknown>)
      : {};
  const alias = aliases[name];
  if (alias !== undefined && (typeof alias !== 'string' || !isPackageId(alias))) {
    throw new CommandError(
      `${PROJECT_FILE} has packageAliases["${name}"] = ${JSON.stringify(alias)}, which is no package id (0Ho…): remove it so package:version looks the package up or creates it, or set the id \`npx sf package list\` shows.`,
    );
  }
  return { name, path: String(entry['path']), ...(typeof alias === 'string' ? { packageId: alias } : {}) };
}

/** The indent the file uses (its first indented line), two spaces when none. */
function indentOf(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

/**
 * The file's text with `packageAliases[name] = id` added, edited in place where the text allows.
 * @throws Error when the text is not a JSON object
 */
export function withPackageAlias(text: string, name: string, id: string): string {
  const project = parse(text);
  const expected = {
    ...project,
    packageAliases: {
      ...(typeof project.packageAliases === 'object' && project.packageAliases !== null ? project.packageAliases : {}),
      [name]: id,
    },
  };
  const indent = indentOf(text);
  const entry = `${JSON.stringify(name)}: ${JSON.stringify(id)}`;
  let edited: string | undefined;
  const existing = /("packageAliases"\s*:\s*)\{(\s*)(\}|\S)/.exec(text);
  if (project.packageAliases === undefined) {
    // A new top-level key, last, as sf itself places it.
    const close = text.lastIndexOf('}');
    const body = text.slice(0, close).trimEnd();
    edited = `${body},\n${indent}"packageAliases": {\n${indent}${indent}${entry}\n${indent}}\n${text.slice(close)}`;
  } else if (existing !== null) {
    const start = existing.index + (existing[1] ?? '').length + 1;
    const gap = existing[2] ?? '';
    edited =
      existing[3] === '}'
        ? `${text.slice(0, start)}\n${indent}${indent}${entry}\n${indent}${text.slice(start + gap.length)}`
        : `${text.slice(0, start)}${gap}${entry},${gap}${text.slice(start + gap.length)}`;
  }
  if (edited !== undefined) {
    try {
      if (isDeepStrictEqual(parse(edited), expected)) return edited;
    } catch {
      // Fall through to re-serialising: the in-place edit did not give valid JSON.
    }
  }
  return `${JSON.stringify(expected, null, indent)}\n`;
}

/** Writes `packageAliases[name] = id` into the project file. */
export function writePackageAlias(root: string, name: string, id: string, originalText?: string): void {
  const file = join(root, PROJECT_FILE);
  writeFileSync(file, withPackageAlias(originalText ?? readFileSync(file, 'utf8'), name, id));
}
