/**
 * What the security report scans: the package, i.e. the package directories of `sfdx-project.json`
 * that name a `package` (force-app). Test-only metadata (`unpackaged/`, the `unpackagedMetadata` of
 * the package) is not installed in a subscriber's org, so it is not part of what the AppExchange
 * security review looks at; it stays in the workspace so Graph Engine resolves the types it defines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The packaged directories, repository-relative with forward slashes.
 * @throws Error when `sfdx-project.json` is missing or names no packaged directory
 */
export function packagedDirectories(root: string): string[] {
  const text = readFileSync(path.join(root, 'sfdx-project.json'), 'utf8');
  const project = JSON.parse(text) as { packageDirectories?: { path?: unknown; package?: unknown }[] };
  const dirs = (project.packageDirectories ?? [])
    .filter((entry) => typeof entry.path === 'string' && typeof entry.package === 'string' && entry.package !== '')
    .map((entry) => path.posix.normalize(String(entry.path)).replace(/\/$/, ''));
  if (dirs.length === 0) throw new Error('sfdx-project.json names no package directory with a "package": nothing to scan');
  return dirs;
}

/** Whether a repository-relative file lies in one of the directories. */
export function inDirectories(dirs: readonly string[]): (file: string) => boolean {
  return (file) => dirs.some((dir) => file === dir || file.startsWith(`${dir}/`));
}
