/**
 * The size of the package's Apex classes: no class of `force-app/main` may pass `MAX_CLASS_LINES`
 * lines. A class that grows past it has taken on a second concern; split it where the concerns
 * part (a planner and a writer, a reader and a decider) rather than raising the number. Test
 * classes (`force-app/tests`) are held to the class they test, not to this limit.
 */
import { readFileSync } from 'node:fs';
import { listFiles } from './files.ts';

/** The most lines a production Apex class may have. */
export const MAX_CLASS_LINES = 300;

/** One class over the limit. */
export interface OversizedClass {
  readonly file: string;
  readonly lines: number;
}

/**
 * Lines of a source file as an editor numbers them (a final newline ends the last line, it does not start one).
 * @param source the file's text
 */
export function lineCount(source: string): number {
  if (source === '') return 0;
  return source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
}

/**
 * The production classes over the limit, largest first.
 * @param root the repository root
 * @param max the limit
 * @param read reads a repository-relative file (tests give their own tree)
 * @param files the classes, repository-relative (tests give their own tree)
 */
export function oversizedClasses(
  root: string,
  max: number = MAX_CLASS_LINES,
  read?: (path: string) => string,
  files?: readonly string[],
): OversizedClass[] {
  const sources = files ?? listFiles(root, 'force-app/main', (path) => path.endsWith('.cls'));
  const reader = read ?? ((path: string) => readFileSync(`${root}/${path}`, 'utf8'));
  return sources
    .map((file) => ({ file, lines: lineCount(reader(file)) }))
    .filter((entry) => entry.lines > max)
    .sort((a, b) => b.lines - a.lines);
}
