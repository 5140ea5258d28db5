/**
 * Builds the settings-page preview: the package's own components, compiled from TypeScript by the
 * same `tsc -p tsconfig.lwc.json` a deploy runs, bundled by rollup with the LWC compiler, the
 * open-source `lightning-base-components` and synthetic shadow (what Lightning Experience uses).
 * What only an org provides — Apex, labels, toasts, schema — comes from small stand-ins
 * (`browser/runtime.ts`) that answer from the Jest fixtures. The bundle is cached under
 * `.workbench/preview/<hash>/` by a hash of every source it is made of, so an unchanged tree
 * never rebuilds.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { rollup, type Plugin } from 'rollup';
import ts from 'typescript';
import { exec } from '../../verify/lib/exec.ts';
import { npmBin } from '../../verify/lib/bin.ts';
import { listFiles } from '../../verify/lib/files.ts';
import { LABELS_DIR, readLabels } from './labels.ts';

/** Where the components live (namespace `c`). */
export const LWC_DIR = 'force-app/main/ui/lwc';
/** The browser side of the preview (entry point and platform stand-ins). */
export const BROWSER_DIR = 'scripts/workbench/preview/browser';
/** The preview's cache, below the repository root; git-ignored with the rest of `.workbench/`. */
export const CACHE_DIR = '.workbench/preview';

/**
 * Lightning base components turns every feature gate on; this one makes the combobox call
 * `attachInternals`, which throws under synthetic shadow. Lightning Experience keeps it closed.
 */
const CLOSED_GATES = new Set(['@salesforce/gate/bc.260.enableComboboxElementInternals']);

const VIRTUAL = '\0sisync-preview:';
const RUNTIME_ID = 'sisync-preview/runtime';

/** The files of what the preview shows: the components (not their tests), their labels, the preview's browser code. */
export function componentSources(root: string): string[] {
  const components = listFiles(root, LWC_DIR, (path) => !path.includes('/__tests__/') && !path.endsWith('.js'));
  const labels = listFiles(root, LABELS_DIR, (path) => path.endsWith('.labels-meta.xml'));
  const browser = listFiles(root, BROWSER_DIR, (path) => path.endsWith('.ts'));
  return [...components, ...labels, ...browser];
}

/** Every file the bundle is made of, relative to the root: what the cache hash covers. */
export function previewSources(root: string): string[] {
  const tooling = [
    'scripts/workbench/preview/build.ts',
    'scripts/workbench/preview/labels.ts',
    'tsconfig.lwc.json',
    'tsconfig.base.json',
    'package-lock.json',
  ];
  return [...componentSources(root), ...tooling].sort();
}

/** A SHA-256 over the paths and contents of `files` (16 hex digits are plenty for a cache key). */
export function hashFiles(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** A finished build: where its bundle is and how it was made. */
export interface PreviewBuild {
  readonly hash: string;
  /** Absolute path of the ES-module bundle. */
  readonly bundlePath: string;
  /** True when the bundle came from the cache. */
  readonly cached: boolean;
  readonly seconds: number;
}

/**
 * Builds the preview bundle, or returns the cached one for the same sources.
 * @throws Error naming the failing step (TypeScript, a missing label, rollup) when the build fails
 */
export async function buildPreview(root: string): Promise<PreviewBuild> {
  const started = Date.now();
  const hash = hashFiles(root, previewSources(root));
  const target = join(root, CACHE_DIR, hash);
  const bundlePath = join(target, 'bundle.js');
  if (existsSync(bundlePath)) return { hash, bundlePath, cached: true, seconds: 0 };

  const work = join(root, CACHE_DIR, `building-${hash}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  try {
    const modules = await stageComponents(root, work);
    const bundle = await rollup({
      input: join(root, BROWSER_DIR, 'main.ts'),
      plugins: [
        platformStandIns(root),
        typescriptOf(join(root, BROWSER_DIR)),
        replace({
          preventAssignment: true,
          values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify('development') },
        }),
        lwc({
          rootDir: modules,
          modules: [{ dir: modules }, { npm: 'lightning-base-components' }],
          exclude: [`${join(root, BROWSER_DIR)}/**`],
        }),
      ],
      onwarn: (warning, warn) => {
        // The base components' own sources trip these (circular imports, LWC1137/LWC1057 template
        // warnings); they are Salesforce's code, not ours, and none changes the bundle.
        if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
        if ((warning.id ?? warning.loc?.file ?? '').includes('/node_modules/lightning-base-components/')) return;
        warn(warning);
      },
    });
    await bundle.write({ file: join(work, 'bundle.js'), format: 'es', inlineDynamicImports: true });
    await bundle.close();
    // Only the bundle is kept, and only the newest build: older ones would pile up with every edit.
    for (const entry of readdirSync(join(root, CACHE_DIR))) {
      if (/^[0-9a-f]{16}$/.test(entry)) rmSync(join(root, CACHE_DIR, entry), { recursive: true, force: true });
    }
    mkdirSync(target, { recursive: true });
    renameSync(join(work, 'bundle.js'), bundlePath);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { hash, bundlePath, cached: false, seconds: (Date.now() - started) / 1000 };
}

/**
 * Compiles the components with the deploy's own `tsc -p tsconfig.lwc.json` into `work/tsc`, then
 * lays them out as LWC modules (`work/modules/c/<name>/`) with their templates and styles.
 * @returns the modules directory
 */
async function stageComponents(root: string, work: string): Promise<string> {
  const emitted = join(work, 'tsc');
  const result = await exec(npmBin(root, 'tsc'), ['-p', 'tsconfig.lwc.json', '--outDir', emitted, '--rootDir', '.', '--pretty', 'false'], {
    cwd: root,
  });
  if (result.code !== 0) throw new Error(`TypeScript did not compile the components:\n${(result.stdout + result.stderr).trim()}`);
  const modules = join(work, 'modules');
  for (const file of listFiles(root, LWC_DIR, (path) => !path.includes('/__tests__/') && /\.(ts|html|css)$/.test(path))) {
    const relativeToLwc = file.slice(LWC_DIR.length + 1);
    const destination = join(modules, 'c', relativeToLwc.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(destination), { recursive: true });
    copyFileSync(file.endsWith('.ts') ? join(emitted, file.replace(/\.ts$/, '.js')) : join(root, file), destination);
  }
  return modules;
}

/** Transpiles the preview's own browser TypeScript (type-checked separately by `tsconfig.preview.json`). */
function typescriptOf(directory: string): Plugin {
  return {
    name: 'sisync-preview-typescript',
    transform(code, id) {
      if (!id.startsWith(directory) || !id.endsWith('.ts')) return null;
      const output = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
      });
      return { code: output.outputText, map: null };
    },
  };
}

/**
 * The platform modules an org serves: Apex methods and `refreshApex` (answered by the runtime from
 * fixtures), Custom Labels (from the package's XML), schema references, the toast event, and the
 * one feature gate Lightning Experience keeps closed. A label the XML lacks fails the build.
 */
function platformStandIns(root: string): Plugin {
  const labels = readLabels(root);
  const runtimePath = join(root, BROWSER_DIR, 'runtime.ts');
  return {
    name: 'sisync-preview-platform',
    resolveId(id) {
      if (id === RUNTIME_ID) return runtimePath;
      // Only the package's own labels (namespace c): the base components resolve theirs themselves.
      if (
        id === '@salesforce/apex' ||
        id.startsWith('@salesforce/apex/') ||
        id.startsWith('@salesforce/label/c.') ||
        id.startsWith('@salesforce/schema/')
      ) {
        return VIRTUAL + id;
      }
      if (id === 'lightning/platformShowToastEvent' || CLOSED_GATES.has(id)) return VIRTUAL + id;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const name = id.slice(VIRTUAL.length);
      if (name === '@salesforce/apex') return `export { refreshApex } from '${RUNTIME_ID}';`;
      if (name.startsWith('@salesforce/apex/')) {
        return `import { apexMethod } from '${RUNTIME_ID}';\nexport default apexMethod(${JSON.stringify(name.slice('@salesforce/apex/'.length))});`;
      }
      if (name.startsWith('@salesforce/label/')) {
        const labelName = name.slice('@salesforce/label/c.'.length);
        const value = labels.get(labelName);
        if (value === undefined) this.error(`Custom Label ${labelName} is imported but defined in no ${LABELS_DIR}/*.labels-meta.xml.`);
        return `export default ${JSON.stringify(value)};`;
      }
      if (name.startsWith('@salesforce/schema/')) {
        const [objectApiName, fieldApiName] = name.slice('@salesforce/schema/'.length).split('.');
        return `export default ${JSON.stringify(fieldApiName ? { objectApiName, fieldApiName } : { objectApiName })};`;
      }
      if (name === 'lightning/platformShowToastEvent') return `export { ShowToastEvent } from '${RUNTIME_ID}';`;
      return 'export default { isOpen: () => false };';
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const build = await buildPreview(root);
  console.log(`Preview ${build.hash}: ${build.cached ? 'cached' : `built in ${build.seconds.toFixed(1)} s`} → ${build.bundlePath}`);
}
