/**
 * Which feature folder of `force-app/main` uses which: a class or trigger of folder A that names a
 * class of folder B (outside comments and string literals) is an edge A → B. Apex names are
 * case-insensitive, so names are compared in lower case. The folders must depend one way: a
 * strongly connected group of two or more folders is a cycle, and fails the check. `KNOWN_CYCLES`
 * is where a cycle would be listed while it is being cut (the check then fails on any other cycle,
 * and on a listed one that no longer exists, so the list only shrinks); it is empty.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { listFiles } from './files.ts';

/** Cycles between feature folders being cut, as folder lists: none. */
export const KNOWN_CYCLES: readonly (readonly string[])[] = [];

/** One use of a class of another folder: where, and which class. */
export interface FeatureUse {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly className: string;
}

/** Apex source without comments and string literals, so that a name in either is no dependency. */
export function codeOf(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:\\.|[^'\\])*'/g, "''");
}

/** The feature folder of a path under `force-app/main/<feature>/…`, or null. */
function featureOf(path: string): string | null {
  return /^force-app\/main\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/**
 * Every use of a class of another feature folder.
 * @param root the repository root
 * @param read reads a repository-relative file (tests give their own tree)
 * @param files the Apex classes and triggers, repository-relative
 */
export function featureUses(root: string, files?: readonly string[], read?: (path: string) => string): FeatureUse[] {
  const sources = files ?? listFiles(root, 'force-app/main', (path) => /\.(cls|trigger)$/.test(path));
  const reader = read ?? ((path: string) => readFileSync(`${root}/${path}`, 'utf8'));
  const owner = new Map<string, string>();
  for (const path of sources) {
    const feature = featureOf(path);
    if (feature && path.endsWith('.cls')) owner.set(basename(path, '.cls').toLowerCase(), feature);
  }
  const uses: FeatureUse[] = [];
  for (const path of sources) {
    const from = featureOf(path);
    if (!from) continue;
    // A name after a dot is a member or a qualified system type (`Database.SaveResult`), not a class of ours.
    const names = new Set(codeOf(reader(path)).match(/(?<![.\w])[A-Za-z_]\w*\b/g) ?? []);
    for (const name of names) {
      const to = owner.get(name.toLowerCase());
      if (to && to !== from) uses.push({ from, to, file: path, className: name });
    }
  }
  return uses;
}

/**
 * The cycles of a dependency graph: its strongly connected components of two or more folders
 * (Tarjan's algorithm), each as a sorted list, sorted.
 * @param uses the edges
 */
export function cyclesOf(uses: readonly FeatureUse[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const use of uses) {
    if (!graph.has(use.from)) graph.set(use.from, new Set());
    if (!graph.has(use.to)) graph.set(use.to, new Set());
    graph.get(use.from)!.add(use.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a.join().localeCompare(b.join()));
}

/**
 * What is wrong with the folders' dependencies: each cycle not in `known`, with the uses that make
 * it; and each known cycle that is gone (remove it from the list).
 * @param uses the edges
 * @param known the cycles still allowed
 */
export function cycleProblems(uses: readonly FeatureUse[], known: readonly (readonly string[])[] = KNOWN_CYCLES): string[] {
  const cycles = cyclesOf(uses);
  const key = (cycle: readonly string[]): string => [...cycle].sort().join(' ↔ ');
  const knownKeys = new Set(known.map(key));
  const problems: string[] = [];
  for (const cycle of cycles) {
    if (knownKeys.has(key(cycle))) continue;
    const members = new Set(cycle);
    const examples = uses
      .filter((use) => members.has(use.from) && members.has(use.to))
      .slice(0, 6)
      .map((use) => `${use.file} → ${use.className} (${use.to})`);
    problems.push(`feature folders depend on each other in a cycle: ${key(cycle)}; e.g. ${examples.join('; ')}`);
  }
  const found = new Set(cycles.map(key));
  for (const cycle of known) {
    if (!found.has(key(cycle))) problems.push(`the known cycle ${key(cycle)} is gone: remove it from KNOWN_CYCLES`);
  }
  return problems;
}

/**
 * The layers of the picture in `docs/architecture.md` ("Which folder may use which"): its first
 * code block after that heading, one layer per line that names folders (`a · b` for folders side
 * by side), top to bottom; connector lines (`│`) are skipped.
 * @param markdown the architecture page
 */
export function pictureLayers(markdown: string): string[][] {
  const section = markdown.split(/^## Which folder may use which$/m)[1] ?? '';
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => /^\s*([a-z][a-z-]*(?:\s+·\s+[a-z][a-z-]*)*)\s{2,}/.exec(line)?.[1] ?? '')
    .filter((names) => names !== '')
    .map((names) => names.split(/\s+·\s+/));
}

/**
 * Where the picture and the tree disagree: a folder of the tree the picture leaves out, a folder
 * of the picture the tree does not have, a folder drawn twice, and a use that does not run down
 * the picture (from a layer to one below it; folders side by side do not use each other).
 * @param uses the edges
 * @param folders the feature folders of the tree
 * @param layers the picture, top to bottom
 */
export function pictureProblems(uses: readonly FeatureUse[], folders: readonly string[], layers: readonly (readonly string[])[]): string[] {
  const layerOf = new Map<string, number>();
  const problems: string[] = [];
  layers.forEach((layer, depth) => {
    for (const folder of layer) {
      if (layerOf.has(folder)) problems.push(`the picture draws ${folder} twice`);
      layerOf.set(folder, depth);
    }
  });
  for (const folder of folders) {
    if (!layerOf.has(folder)) problems.push(`the picture leaves out the folder ${folder}: add it to docs/architecture.md`);
  }
  for (const folder of layerOf.keys()) {
    if (!folders.includes(folder)) problems.push(`the picture draws ${folder}, which force-app/main does not have`);
  }
  const seen = new Set<string>();
  for (const use of uses) {
    const from = layerOf.get(use.from);
    const to = layerOf.get(use.to);
    if (from === undefined || to === undefined || from < to) continue;
    const key = `${use.from} → ${use.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(
      `${key} runs ${from === to ? 'sideways' : 'up'} the picture (e.g. ${use.file} → ${use.className}): move the class or redraw docs/architecture.md`,
    );
  }
  return problems;
}

/**
 * The feature folders of a tree: the first folder under `force-app/main` of each Apex file.
 * @param root the repository root
 */
export function featureFolders(root: string): string[] {
  const files = listFiles(root, 'force-app/main', (path) => /\.(cls|trigger)$/.test(path));
  return [...new Set(files.map(featureOf).filter((folder): folder is string => folder !== null))].sort();
}
