import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './files.ts';

/** The parts of `sfdx-project.json` the Apex gates need, and a file walker over them. */
export interface ProjectInfo {
  readonly packageDirectories: readonly string[];
  readonly namespace: string;
}

export async function readProject(root: string): Promise<ProjectInfo> {
  try {
    const raw: unknown = JSON.parse(await readFile(path.join(root, 'sfdx-project.json'), 'utf8'));
    const project = (raw ?? {}) as { packageDirectories?: unknown; namespace?: unknown };
    const dirs = Array.isArray(project.packageDirectories)
      ? project.packageDirectories
          .map((entry: unknown) => (entry as { path?: unknown } | null)?.path)
          .filter((p): p is string => typeof p === 'string')
      : [];
    return {
      packageDirectories: dirs.length > 0 ? dirs : ['force-app'],
      namespace: typeof project.namespace === 'string' ? project.namespace : '',
    };
  } catch {
    return { packageDirectories: ['force-app'], namespace: '' };
  }
}

/** Absolute paths of the files below `dir` that `accept` takes (appended to `out`), via {@link listFiles}. */
export async function walk(dir: string, accept: (file: string) => boolean, out: string[] = []): Promise<string[]> {
  out.push(
    ...listFiles(dir, '.', (relativePath) => accept(path.join(dir, relativePath))).map((relativePath) => path.join(dir, relativePath)),
  );
  return out;
}

export const toPosix = (p: string): string => p.split(path.sep).join('/');
