/**
 * `docs/security/false-positives.md`: the explanations, written for the AppExchange security
 * reviewer, of every finding the security report leaves (and of every Graph Engine timeout or crash
 * suppression). The document is prose for people; its entries are found by their headings, so the
 * report can tell which findings are explained and which are not:
 *
 *     ### `sfge:ApexFlsViolation` in `force-app/main/task-sync/classes/OutboxSelector.cls:37`
 *
 * — the rule (with or without its engine), the file relative to the repository, and optionally the
 * line (without it the entry covers every line of that file for that rule), as in the suppression
 * file. The text up to the next heading is the explanation. A level-3 heading that starts with a
 * backtick but is not of this form is a problem, never silently ignored: a typo must not leave a
 * finding "explained" by nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MINIMUM_REASON_LENGTH, type Suppression } from '../verify/gates/code-analyzer/suppressions.ts';

/** The document, relative to the repository root. */
export const FALSE_POSITIVES_FILE = 'docs/security/false-positives.md';

/** One explained finding: a suppression-shaped entry whose reason is the section's text. */
export interface Explanation extends Suppression {
  /** Line of the entry's heading in the document. */
  readonly at: number;
}

/** A heading or explanation that cannot be used, at its line in the document. */
export interface DocumentProblem {
  readonly line: number;
  readonly message: string;
}

const ENTRY_HEADING = /^### `(?<rule>[A-Za-z][\w-]*(?::[A-Za-z][\w-]*)?)` in `(?<file>[^`:]+?)(?::(?<line>[1-9]\d*))?`\s*$/;

/**
 * Parses the document's entries.
 * @param text the document (undefined: there is none, so nothing is explained)
 * @returns the usable entries and the problems (a malformed heading, an explanation shorter than
 *   the suppression file's minimum reason)
 */
export function parseExplanations(text: string | undefined): { entries: Explanation[]; problems: DocumentProblem[] } {
  const entries: Explanation[] = [];
  const problems: DocumentProblem[] = [];
  if (text === undefined) return { entries, problems };
  const lines = text.split('\n');
  let open: { rule: string; file: string; line?: number; at: number; body: string[] } | undefined;
  const close = (): void => {
    if (open === undefined) return;
    const reason = open.body.join('\n').trim();
    if (reason.length < MINIMUM_REASON_LENGTH) {
      problems.push({
        line: open.at,
        message: `the explanation of ${open.rule} in ${open.file} must say, in at least ${MINIMUM_REASON_LENGTH} characters, why the finding is acceptable and what was checked instead`,
      });
    } else {
      entries.push({
        rule: open.rule,
        file: path.posix.normalize(open.file),
        ...(open.line !== undefined ? { line: open.line } : {}),
        reason,
        at: open.at,
      });
    }
    open = undefined;
  };
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced && /^#{1,3} /.test(line)) {
      close();
      if (line.startsWith('### `')) {
        const groups = ENTRY_HEADING.exec(line)?.groups;
        if (groups?.['rule'] !== undefined && groups['file'] !== undefined) {
          open = {
            rule: groups['rule'],
            file: groups['file'],
            ...(groups['line'] !== undefined ? { line: Number(groups['line']) } : {}),
            at: index + 1,
            body: [],
          };
        } else {
          problems.push({
            line: index + 1,
            message: 'an entry heading must read ### `engine:Rule` in `path/to/File.cls:line` (the line is optional)',
          });
        }
      }
      return;
    }
    open?.body.push(line);
  });
  close();
  return { entries, problems };
}

/** The document's text under `root`, or undefined when there is none. */
export async function readExplanations(root: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, FALSE_POSITIVES_FILE), 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
