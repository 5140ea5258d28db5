import { join } from 'node:path';

/** Path of an executable installed by npm in the repository's node_modules/.bin. */
export function npmBin(root: string, name: string): string {
  return join(root, 'node_modules', '.bin', name);
}
