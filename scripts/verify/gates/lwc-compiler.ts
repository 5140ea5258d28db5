import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exec } from '../lib/exec.ts';
import { buildLwc } from '../../build/build-lwc.ts';
import { listMetadataFiles } from '../lib/files.ts';
import { lwcReferenceFindings } from '../lib/lwc-references.ts';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';

/**
 * Builds the components (TypeScript → the JavaScript the platform takes), then runs
 * Salesforce's platform LWC compiler over every bundle: its lint rules (import allow-list,
 * decorators, wire usage), template and CSS checks — what a deploy would reject. The compiler
 * does not check that imported Apex methods, labels and components exist; lwc-references does.
 */

interface Diagnostic {
  level: number;
  code?: number;
  message: string;
  filename?: string;
  location?: { line?: number; column?: number };
}
interface BundleReport {
  name: string;
  success: boolean;
  diagnostics: Diagnostic[];
}

/** Diagnostic levels of @lwc/errors: 0 fatal, 1 error, 2 warning, 3 log. Warnings fail too. */
const FAILING_LEVEL = 2;

/** The bundles of the package directories: folder path → files the platform compiles. */
export function collectBundles(root: string): { directory: string; name: string; files: Record<string, string> }[] {
  const metaFiles = listMetadataFiles(root, (path) => /\/lwc\/[^/]+\/[^/]+\.js-meta\.xml$/.test(path));
  return metaFiles.map((meta) => {
    const directory = dirname(meta);
    const name = directory.split('/').pop() ?? directory;
    const files: Record<string, string> = {};
    for (const entry of readdirSync(join(root, directory))) {
      if (/\.(js|html|css)$/.test(entry)) files[entry] = readFileSync(join(root, directory, entry), 'utf8');
    }
    return { directory, name, files };
  });
}

/** Findings from the compiler's reports, located in the bundle's folder. */
export function findingsOf(reports: readonly BundleReport[], directoryByName: ReadonlyMap<string, string>): Finding[] {
  return reports.flatMap((report) => {
    const directory = directoryByName.get(report.name) ?? report.name;
    const failing = report.diagnostics.filter((diagnostic) => diagnostic.level <= FAILING_LEVEL);
    if (!report.success && failing.length === 0) {
      return [{ file: directory, message: 'LWC platform compiler: compilation failed without a diagnostic' }];
    }
    return failing.map((diagnostic) => ({
      file: `${directory}/${diagnostic.filename ?? report.name + '.js'}`,
      ...(diagnostic.location?.line === undefined ? {} : { line: diagnostic.location.line }),
      ...(diagnostic.location?.column === undefined ? {} : { column: diagnostic.location.column }),
      message: `LWC platform compiler: ${diagnostic.message}`,
    }));
  });
}

export const lwcCompilerGate: Gate = {
  id: 'lwc-compiler',
  title: "Build the TypeScript components, then Salesforce's platform LWC compiler over every bundle",
  async run({ root }) {
    const build = await buildLwc(root);
    if (build.length > 0) return resultFrom(build);
    if (!existsSync(join(root, 'scripts/verify/platform-compiler/node_modules/@lwc/sfdc-lwc-compiler'))) {
      return resultFrom([
        {
          file: 'scripts/verify/platform-compiler/package.json',
          message: 'Platform compiler not installed: run npm ci (its postinstall installs it).',
        },
      ]);
    }
    const bundles = collectBundles(root);
    // A neutral working directory: the compiler's lint step would read the project's Babel config.
    const result = await exec(process.execPath, [join(root, 'scripts/verify/platform-compiler/compile-bundles.cjs')], {
      cwd: tmpdir(),
      input: JSON.stringify(bundles.map(({ name, files }) => ({ name, files }))),
    });
    if (result.code !== 0) {
      return resultFrom([
        { file: 'scripts/verify/platform-compiler/compile-bundles.cjs', message: `exited ${result.code}: ${result.stderr.trim()}` },
      ]);
    }
    const reports = JSON.parse(result.stdout) as BundleReport[];
    const directoryByName = new Map(bundles.map((bundle) => [bundle.name, bundle.directory]));
    return resultFrom(
      [...findingsOf(reports, directoryByName), ...lwcReferenceFindings(root)],
      [`${bundles.length} bundle(s) compiled; Apex, label and component imports resolved against the checkout`],
    );
  },
};
