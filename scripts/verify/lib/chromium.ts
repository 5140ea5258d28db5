/**
 * Finds a Chromium for the browser gate: `$CHROME_PATH` first, then the usual install paths.
 * `playwright-core` drives it; nothing is downloaded (`npx playwright install` is never used).
 */
import { accessSync, constants } from 'node:fs';

/** Where Debian, Ubuntu, Fedora, snap and macOS put Chromium or Chrome. */
export const USUAL_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The one command that installs what the lookup wants on Debian and Ubuntu. */
export const CHROMIUM_INSTALL = 'sudo apt-get install -y chromium';

/** A Chromium found, or one line saying where it looked and how to install one. */
export type ChromiumLookup = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks for Chromium. A `CHROME_PATH` that is set but not executable is an error of its own:
 * silently using another browser would hide the misconfiguration.
 */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
  candidates: readonly string[] = USUAL_CHROMIUM_PATHS,
  isExecutable: (path: string) => boolean = executable,
): ChromiumLookup {
  const configured = env['CHROME_PATH'];
  if (configured) {
    return isExecutable(configured)
      ? { ok: true, path: configured }
      : {
          ok: false,
          message: `CHROME_PATH=${configured} is not an executable file: point it at Chromium, or unset it and run ${CHROMIUM_INSTALL}.`,
        };
  }
  const found = candidates.find((path) => isExecutable(path));
  if (found) return { ok: true, path: found };
  return {
    ok: false,
    message: `No Chromium found (CHROME_PATH unset; looked at ${candidates.join(', ')}). Install it: ${CHROMIUM_INSTALL} (or set CHROME_PATH).`,
  };
}

/** The flags Debian's Chromium needs to run headless in a container or CI. */
export const HEADLESS_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
