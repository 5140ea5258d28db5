import path from 'node:path';
import { listFiles, readSfdxProject, type SfdxProject } from './files.ts';

/** The parts of `sfdx-project.json` the Apex gates need, and a file walker over them. */
export type ProjectInfo = SfdxProject;

/** The project, with `force-app` and no namespace when `sfdx-project.json` is missing, unreadable or lists no directory. */
export async function readProject(root: string): Promise<ProjectInfo> {
  try {
    const project = readSfdxProject(root);
    return project.packageDirectories.length > 0 ? project : { ...project, packageDirectories: ['force-app'] };
  } catch {
    return { packageDirectories: ['force-app'], namespace: '', sourceApiVersion: '' };
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
