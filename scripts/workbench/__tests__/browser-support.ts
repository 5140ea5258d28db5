/** What the browser tests share: one fixed time, and a page that collects what went wrong in it. */
import type { Browser, Page } from 'playwright-core';

/** The browser tests' "now" (ms): the workbench's clock and the preview page's, so days and "3 days ago" are known. */
export const BROWSER_TEST_NOW = Date.parse('2026-12-02T12:00:00Z');

/**
 * A new 1280×900 page whose page errors, console errors and failed requests (HTTP ≥ 400) are
 * collected into `problems`; waits time out after 10 s (every answer here takes milliseconds).
 */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return { page, problems };
}
