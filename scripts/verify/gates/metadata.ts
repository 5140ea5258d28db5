import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import { XMLValidator } from 'fast-xml-parser';
import { exec } from '../lib/exec.ts';
import { npmBin } from '../lib/bin.ts';
import { listApexFiles, listFiles, listMetadataFiles } from '../lib/files.ts';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';
import { permissionSetReferenceFindings } from '../lib/permission-set-references.ts';

/**
 * Metadata that a deploy would reject: `sf project convert source` (unknown types, broken
 * bundles), XML that is not well-formed (fast-xml-parser's validator, in-process), Apex without its `-meta.xml` (convert drops
 * it silently), TypeScript that would ship, permission-set references that do not resolve, and
 * the project files against Salesforce's schemas.
 */

const require = createRequire(import.meta.url);

/** Apex classes and triggers whose `-meta.xml` is missing. */
export function missingMetaFiles(root: string): Finding[] {
  return listApexFiles(root)
    .filter((file) => !existsSync(join(root, `${file}-meta.xml`)))
    .map((file) => ({ file, message: `missing ${file.split('/').pop() ?? file}-meta.xml: a deploy would drop this file` }));
}

/** Validates a JSON file against one of @salesforce/schemas' JSON Schemas. */
export function schemaFindings(root: string, file: string, schemaFile: string): Finding[] {
  const schema = JSON.parse(readFileSync(require.resolve(`@salesforce/schemas/${schemaFile}`), 'utf8')) as object;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(root, file), 'utf8'));
  } catch (error: unknown) {
    return [{ file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => ({
    file,
    message: `${schemaFile}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ' ' + JSON.stringify(error.params) : ''}`,
  }));
}

/** The entities XML predefines; any other named reference needs a DTD, which metadata never has. */
const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Line and column (1-based) of an offset in a text. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Whether one XML file's text is well-formed, checked in-process by fast-xml-parser's validator
 * (no external binary): its first error becomes a finding at the parser's line and column. The
 * validator accepts a named entity reference it does not know (`&nbsp;`), which libxml2 and a
 * deploy reject: without a DOCTYPE (metadata has none) any name but the five predefined ones is
 * reported too, outside comments and CDATA.
 */
export function xmlWellFormednessFindings(file: string, text: string): Finding[] {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    return [
      {
        file,
        ...(typeof line === 'number' ? { line } : {}),
        ...(typeof col === 'number' ? { column: col } : {}),
        message: `XML not well-formed: ${msg}`,
      },
    ];
  }
  if (/<!DOCTYPE/i.test(text)) return [];
  // Blank out comments and CDATA (keeping offsets), then look at the entity references left.
  const blanked = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (section) => section.replace(/[^\n]/g, ' '));
  const findings: Finding[] = [];
  for (const match of blanked.matchAll(/&([A-Za-z_][\w.-]*);/g)) {
    const name = match[1] ?? '';
    if (PREDEFINED_ENTITIES.has(name)) continue;
    findings.push({
      file,
      ...positionAt(text, match.index ?? 0),
      message: `XML not well-formed: entity '${name}' is not defined (only &amp; &lt; &gt; &quot; &apos; and numeric references are)`,
    });
  }
  return findings;
}

function wellFormed(root: string, files: readonly string[]): Finding[] {
  return files.flatMap((file) => xmlWellFormednessFindings(file, readFileSync(join(root, file), 'utf8')));
}

async function convertSource(root: string): Promise<Finding[]> {
  const output = mkdtempSync(join(tmpdir(), 'sisync-convert-'));
  try {
    const env = { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_SKIP_NEW_VERSION_CHECK: 'true' };
    const result = await exec(npmBin(root, 'sf'), ['project', 'convert', 'source', '--output-dir', join(output, 'mdapi'), '--json'], {
      cwd: root,
      env,
    });
    if (result.code !== 0) {
      let message = result.stderr.trim() || result.stdout.trim();
      try {
        const parsed = JSON.parse(result.stdout) as { message?: string; name?: string };
        message = `${parsed.name ?? 'error'}: ${parsed.message ?? message}`;
      } catch {
        // not JSON: keep the raw text
      }
      return [{ file: 'sfdx-project.json', message: `sf project convert source failed: ${message}` }];
    }
    const shipped = listFiles(output, 'mdapi', (path) => path.endsWith('.ts') || path.includes('__tests__'));
    return shipped.map((file) => ({ file, message: 'would ship in the package: add it to .forceignore' }));
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

export const metadataGate: Gate = {
  id: 'metadata',
  title:
    'sf project convert source, well-formed XML, -meta.xml beside Apex, permission-set references, project files against Salesforce schemas',
  async run({ root }) {
    const xmlFiles = listMetadataFiles(root, (path) => path.endsWith('.xml'));
    const findings: Finding[] = [
      ...(await convertSource(root)),
      ...wellFormed(root, xmlFiles),
      ...missingMetaFiles(root),
      ...permissionSetReferenceFindings(root),
      ...schemaFindings(root, 'sfdx-project.json', 'sfdx-project.schema.json'),
      ...schemaFindings(root, 'config/project-scratch-def.json', 'project-scratch-def.schema.json'),
    ];
    return resultFrom(findings, [`${xmlFiles.length} XML files checked`]);
  },
};
