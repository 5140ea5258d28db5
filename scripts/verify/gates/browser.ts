import { findChromium } from '../lib/chromium.ts';
import { listFiles } from '../lib/files.ts';
import { resultFrom, type Gate } from '../lib/gate.ts';
import { runNodeTests } from './tests.ts';

/**
 * The settings page in a real browser: the workbench's preview (the package's compiled components
 * with the open-source base components and SLDS, answered from the Jest fixtures) driven through
 * Chromium by the `*.browser.ts` tests. Every run leaves its pictures in results/screenshots/.
 * No Chromium → one finding naming the command that installs it.
 */

/** Where the browser tests are: `__tests__/*.browser.ts` below scripts/. */
export function browserTestFiles(root: string): string[] {
  return listFiles(root, 'scripts', (path) => /\/__tests__\/[^/]+\.browser\.ts$/.test(path));
}

export const browserGate: Gate = {
  id: 'browser',
  title: 'the settings-page preview in Chromium: every scenario, saves, field errors, confirmation; README pictures taken',
  async run({ root, testNamePattern }) {
    const chromium = findChromium();
    if (!chromium.ok) return resultFrom([{ file: 'scripts/verify/lib/chromium.ts', message: chromium.message }]);
    const files = browserTestFiles(root);
    if (files.length === 0)
      return resultFrom([{ file: 'scripts', message: 'no browser tests found under scripts/**/__tests__/*.browser.ts' }]);
    const run = await runNodeTests(root, files, {
      what: 'browser tests',
      failureFile: files[0] ?? 'scripts',
      env: { ...process.env, CHROME_PATH: chromium.path },
      // A proof (prove-gates) runs only the test its seeded defect must fail: the whole suite is
      // npm test's job, and running it again for the proof cost CI 95 s of its 15 minutes.
      args: ['--test-concurrency=1', ...(testNamePattern ? [`--test-name-pattern=${testNamePattern}`] : [])],
      timeoutMs: 10 * 60_000,
    });
    const { passed, failed, findings } = run;
    return resultFrom(findings, [
      `chromium ${chromium.path}`,
      `browser: ${passed} passed, ${failed} failed in ${files.length} file(s); pictures in results/screenshots/`,
    ]);
  },
};
