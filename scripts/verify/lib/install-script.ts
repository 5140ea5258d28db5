/**
 * What the package's install script may reach. The platform runs the `postInstallScript` of
 * `sfdx-project.json` as a package-owned install user; the install fails when that code runs a
 * `with sharing` or `inherited sharing` class, and a job it schedules or enqueues runs for ever as
 * that user (who holds no credential). So the script's class, and every package class it reaches
 * (transitively, by the names in its code outside comments and strings), must be declared
 * `without sharing` and must not call `System.schedule`, `System.enqueueJob` or
 * `Database.executeBatch`. Apex cannot run here; this holds the script to it by reading the code.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { codeOf } from './feature-dependencies.ts';
import { listFiles } from './files.ts';

/** Calls that would start a job as the install user. */
export const JOB_STARTS = ['System.schedule', 'System.scheduleBatch', 'System.enqueueJob', 'Database.executeBatch'] as const;

/** The `postInstallScript` of the default package directory, or undefined. */
export function installScriptOf(root: string): string | undefined {
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories?: { default?: boolean; postInstallScript?: unknown }[];
  };
  const script = project.packageDirectories?.find((directory) => directory.default === true)?.postInstallScript;
  return typeof script === 'string' ? script : undefined;
}

/** The sharing declaration of a class's outer type: `with`, `without`, `inherited`, or `none`. */
export function sharingOf(source: string): 'with' | 'without' | 'inherited' | 'none' {
  const declaration = /\b(with|without|inherited)\s+sharing\s+class\b|\bclass\b/i.exec(codeOf(source));
  return (declaration?.[1]?.toLowerCase() as 'with' | 'without' | 'inherited' | undefined) ?? 'none';
}

/**
 * The problems of the install script: a missing class, a class it reaches that is not `without
 * sharing`, a job started in its reach. Empty when it is sound.
 * @param script the script's class name
 * @param classes class name → source, of the package's production classes
 */
export function installScriptProblems(script: string, classes: ReadonlyMap<string, string>): string[] {
  const byName = new Map([...classes].map(([name, source]) => [name.toLowerCase(), { name, source }]));
  if (!byName.has(script.toLowerCase())) return [`postInstallScript ${script}: no such class in force-app/main`];
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue: { name: string; via: string[] }[] = [{ name: script.toLowerCase(), via: [] }];
  while (queue.length > 0) {
    const { name, via } = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const entry = byName.get(name)!;
    const path = [...via, entry.name].join(' → ');
    const sharing = sharingOf(entry.source);
    if (sharing !== 'without') {
      problems.push(
        `${path}: declared ${sharing === 'none' ? 'with no sharing keyword' : `${sharing} sharing`}; the install script may reach only without sharing classes (the install fails otherwise)`,
      );
    }
    const code = codeOf(entry.source);
    for (const call of JOB_STARTS) {
      if (new RegExp(`\\b${call.replace('.', '\\s*\\.\\s*')}\\s*\\(`, 'i').test(code)) {
        problems.push(`${path}: calls ${call}; a job started by the install script runs for ever as the install user`);
      }
    }
    for (const used of new Set(code.match(/(?<![.\w])[A-Za-z_]\w*\b/g) ?? [])) {
      const key = used.toLowerCase();
      if (key !== name && byName.has(key) && !seen.has(key)) queue.push({ name: key, via: [...via, entry.name] });
    }
  }
  return problems;
}

/** The production classes of a repository: class name → source. */
export function productionClasses(root: string): Map<string, string> {
  const files = listFiles(root, 'force-app/main', (path) => path.endsWith('.cls'));
  return new Map(files.map((file) => [basename(file, '.cls'), readFileSync(`${root}/${file}`, 'utf8')]));
}
