import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { findChromium } from '../lib/chromium.ts';
import { listFiles } from '../lib/files.ts';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';
import { tapFindings } from './tests.ts';

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
  async run({ root }) {
    const chromium = findChromium();
    if (!chromium.ok) return resultFrom([{ file: 'scripts/verify/lib/chromium.ts', message: chromium.message }]);
    const files = browserTestFiles(root);
    if (files.length === 0)
      return resultFrom([{ file: 'scripts', message: 'no browser tests found under scripts/**/__tests__/*.browser.ts' }]);
    // Standalone TAP even when the caller is itself a node test (see the tests gate).
    const env: NodeJS.ProcessEnv = { ...process.env, CHROME_PATH: chromium.path };
    delete env['NODE_TEST_CONTEXT'];
    const result = await exec(npmBin(root, 'tsx'), ['--test', '--test-reporter=tap', '--test-concurrency=1', ...files], {
      cwd: root,
      env,
      timeoutMs: 10 * 60_000,
    });
    const passed = /^# pass (\d+)/m.exec(result.stdout)?.[1] ?? '0';
    const failed = /^# fail (\d+)/m.exec(result.stdout)?.[1] ?? '0';
    const findings: Finding[] = tapFindings(result.stdout, root);
    if (result.code !== 0 && findings.length === 0) {
      const firstLine = (result.stderr || result.stdout).split('\n').find((line) => line.trim() !== '') ?? 'no output';
      findings.push({ file: files[0] ?? 'scripts', message: `browser tests exited ${result.code}: ${firstLine.trim()}` });
    }
    return resultFrom(findings, [
      `chromium ${chromium.path}`,
      `browser: ${passed} passed, ${failed} failed in ${files.length} file(s); pictures in results/screenshots/`,
    ]);
  },
};
