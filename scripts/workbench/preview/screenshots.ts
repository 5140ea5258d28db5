/**
 * The README's pictures. The browser gate (`npm test -- browser`) takes them on every run into
 * `results/screenshots/` (git-ignored) with a manifest of what they show; `npm run screenshots`
 * copies them into `docs/images/` with that manifest. A test fails when `docs/images/manifest.json`
 * no longer matches the sources, so the README always shows the current code while no test run
 * ever rewrites a tracked file.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentSources, hashFiles } from './build.ts';
import { listFiles } from '../../verify/lib/files.ts';
import { resolveScenario, SCENARIOS } from './scenarios.ts';

/** Where every run writes its pictures. */
export const RESULTS_DIR = 'results/screenshots';
/** Where the README's pictures live. */
export const IMAGES_DIR = 'docs/images';
/** What each picture shows, by a hash of its sources. */
export const MANIFEST = 'manifest.json';

/** One picture of the README: of a preview scenario, or of a workbench page (`sources` says what it shows). */
export type Shot = (
  | { readonly file: string; readonly caption: string; readonly scenario: string }
  | { readonly file: string; readonly caption: string; readonly sources: readonly string[] }
) & {
  /** Shown on the README's first screen; every scenario's picture is in docs/settings-page.md. */
  readonly readme?: boolean;
};

/** The scenarios whose pictures the README shows. */
const README_SCENARIOS: readonly string[] = ['admin', 'rep-with-locks'];

/** What a workbench page's picture shows: the pages and the views they read. */
const PAGE_SOURCES = ['scripts/workbench/pages', 'scripts/workbench/command-center.ts', 'scripts/workbench/sia-tasks.ts'];

/** The picture of a scenario: every section open, as the browser test leaves it. */
export function scenarioShot(id: string): string {
  return `settings-${id}.png`;
}

/** Every scenario of the settings page, then the workbench's pages. */
export const SHOTS: readonly Shot[] = [
  ...SCENARIOS.map((scenario) => ({
    file: scenarioShot(scenario.id),
    scenario: scenario.id,
    caption: `${scenario.title} — ${scenario.description} (preview with fixture data)`,
    readme: README_SCENARIOS.includes(scenario.id),
  })),
  {
    file: 'workbench-command-center.png',
    sources: PAGE_SOURCES,
    caption: 'The emulator’s Command Center: tasks due today and tomorrow in the user’s time zone',
    readme: true,
  },
  {
    file: 'workbench-change-log.png',
    sources: PAGE_SOURCES,
    caption: 'The change log: every change received and its result',
    readme: true,
  },
];

/** The manifest: picture → hash of what it shows. */
export type Manifest = Readonly<Record<string, string>>;

/**
 * The hash of everything a picture shows: the components and their labels, the preview's page and
 * browser code, the scenario's definition and the fixtures it answers with, and the browser test
 * that opens the sections. Tooling versions are left out on purpose: a lock-file change alone
 * should not call every picture stale.
 */
export function shotHash(root: string, shot: Shot): string {
  const sources = 'sources' in shot ? (shot.sources as readonly string[]) : undefined;
  if (sources) {
    const files = sources.flatMap((source) =>
      source.endsWith('.ts') ? [source] : listFiles(root, source, (path) => path.endsWith('.ts')),
    );
    return hashFiles(root, files);
  }
  const wanted = 'scenario' in shot ? shot.scenario : '';
  const scenario = SCENARIOS.find((candidate) => candidate.id === wanted);
  if (!scenario) throw new Error(`Screenshot ${shot.file} names an unknown scenario ${wanted}.`);
  const files = [
    ...componentSources(root),
    'scripts/workbench/preview/page.ts',
    'scripts/workbench/preview/__tests__/settings-page.browser.ts',
    ...resolveScenario(root, scenario).files,
  ];
  return `${hashFiles(root, files)}:${hashOfText(JSON.stringify(scenario))}`;
}

function hashOfText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The manifest the sources call for now. */
export function currentManifest(root: string, shots: readonly Shot[] = SHOTS): Manifest {
  return Object.fromEntries(shots.map((shot) => [shot.file, shotHash(root, shot)]));
}

/** Reads a manifest; a missing file is an empty manifest. */
export function readManifest(path: string): Manifest {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : {};
}

/** The pictures of `manifest` that do not show the current sources (missing ones included). */
export function stalePictures(current: Manifest, manifest: Manifest): string[] {
  return Object.keys(current).filter((file) => manifest[file] !== current[file]);
}

/**
 * Records, in `results/screenshots/manifest.json`, that `taken` pictures were just taken of the
 * current sources. Entries of other pictures stay: each still says what its picture was taken of.
 */
export function recordTaken(root: string, taken: ReadonlySet<string>): void {
  const path = join(root, RESULTS_DIR, MANIFEST);
  const current = currentManifest(root);
  const manifest: Record<string, string> = { ...readManifest(path) };
  for (const file of taken) {
    const hash = current[file];
    if (hash !== undefined) manifest[file] = hash;
  }
  mkdirSync(join(root, RESULTS_DIR), { recursive: true });
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * `npm run screenshots`: copies the pictures of the last browser run into `docs/images/`, but only
 * those taken of the current sources — a stale picture would make the manifest lie.
 * @returns the problems; empty when every picture was copied
 */
export function publishScreenshots(root: string): string[] {
  const current = currentManifest(root);
  const taken = readManifest(join(root, RESULTS_DIR, MANIFEST));
  const stale = stalePictures(current, taken);
  if (stale.length > 0) {
    return [
      `${stale.join(', ')} in ${RESULTS_DIR} ${stale.length === 1 ? 'was' : 'were'} not taken of the current sources: run npm test -- browser first.`,
    ];
  }
  mkdirSync(join(root, IMAGES_DIR), { recursive: true });
  for (const file of Object.keys(current)) copyFileSync(join(root, RESULTS_DIR, file), join(root, IMAGES_DIR, file));
  writeFileSync(join(root, IMAGES_DIR, MANIFEST), `${JSON.stringify(current, null, 2)}\n`);
  return [];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const problems = publishScreenshots(root);
  for (const problem of problems) console.error(problem);
  if (problems.length === 0) console.log(`Copied ${SHOTS.map((shot) => shot.file).join(', ')} into ${IMAGES_DIR} with ${MANIFEST}.`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
