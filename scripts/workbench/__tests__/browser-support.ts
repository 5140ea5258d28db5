/** What the browser tests share: a page that collects what went wrong in it. */
import type { Browser, Page } from 'playwright-core';

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
