/**
 * Inline suppressions: PMD honours `// NOPMD` and `@SuppressWarnings('PMD…')` and cannot be told
 * to ignore them, so they would bypass the reviewed suppression file. The gate reports each one.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toPosix, walk } from '../../lib/apex-project.ts';
import type { Finding } from '../../lib/gate.ts';
import { SUPPRESSIONS_FILE } from './suppressions.ts';

/** One inline suppression: its 1-based line and column and the text found. */
export interface InlineSuppression {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** Finds `// NOPMD` and `@SuppressWarnings('PMD…'/'all')` in an Apex or Visualforce source, in source order. */
export function findInlineSuppressions(source: string): InlineSuppression[] {
  const hits: InlineSuppression[] = [];
  const patterns = [/\bNOPMD\b/g, /@SuppressWarnings\s*\(\s*['"][^'"]*\b(?:PMD|all)\b[^'"]*['"]\s*\)/gi];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const before = source.slice(0, match.index ?? 0);
      const line = before.split('\n').length;
      hits.push({ line, column: (match.index ?? 0) - before.lastIndexOf('\n'), text: match[0] });
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The inline suppressions of the Apex and Visualforce files under `dirs` as failing findings;
 * with `only` (a scoped run), of those repository-relative files only.
 */
export async function inlineSuppressionFindings(root: string, dirs: readonly string[], only?: ReadonlySet<string>): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const dir of dirs) {
    const accept = (f: string): boolean =>
      /\.(cls|trigger|page|component)$/i.test(f) && (only === undefined || only.has(toPosix(path.relative(root, f))));
    for (const file of await walk(dir, accept)) {
      const source = await readFile(file, 'utf8');
      for (const hit of findInlineSuppressions(source)) {
        findings.push({
          file: toPosix(path.relative(root, file)),
          line: hit.line,
          column: hit.column,
          message: `inline PMD suppression ${hit.text} hides violations from review: remove it and list the violation with its reason in ${SUPPRESSIONS_FILE}`,
        });
      }
    }
  }
  return findings;
}
