import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.sf', '.sfdx', 'coverage']);

/**
 * Lists files below `directory` (recursively, skipping dependency and tool folders) whose
 * path relative to `root` matches `accept`. Paths are returned relative to `root`, with `/`.
 */
export function listFiles(root: string, directory: string, accept: (relativePath: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (absolute: string): void => {
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = join(absolute, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(child);
      } else if (entry.isFile()) {
        const path = relative(root, child).split(sep).join('/');
        if (accept(path)) found.push(path);
      }
    }
  };
  walk(join(root, directory));
  return found.sort();
}

/** The parts of `sfdx-project.json` the gates read. */
export interface SfdxProject {
  readonly packageDirectories: readonly string[];
  readonly namespace: string;
  /** The pinned API version ('' when absent), which metadata deployed by scripts carries too. */
  readonly sourceApiVersion: string;
}

/** Reads `sfdx-project.json` (throws when it is missing or not JSON: every gate needs it). */
export function readSfdxProject(root: string): SfdxProject {
  const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories?: { path?: unknown }[];
    namespace?: unknown;
    sourceApiVersion?: unknown;
  };
  return {
    packageDirectories: (project.packageDirectories ?? [])
      .map((entry) => entry.path)
      .filter((path): path is string => typeof path === 'string')
      .map((path) => path.replace(/^\.\//, '')),
    namespace: typeof project.namespace === 'string' ? project.namespace : '',
    sourceApiVersion: typeof project.sourceApiVersion === 'string' ? project.sourceApiVersion : '',
  };
}

/** The package directories named in `sfdx-project.json` (where all metadata lives). */
export function packageDirectories(root: string): string[] {
  return [...readSfdxProject(root).packageDirectories];
}

/** Every file of the package directories that `accept` takes. */
export function listMetadataFiles(root: string, accept: (relativePath: string) => boolean): string[] {
  return packageDirectories(root).flatMap((directory) => listFiles(root, directory, accept));
}

/** Apex classes and triggers of the package directories. */
export function listApexFiles(root: string): string[] {
  return listMetadataFiles(root, (path) => path.endsWith('.cls') || path.endsWith('.trigger'));
}
